import { render, screen, fireEvent } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describeError, NETWORK_ERROR } from '../src/app/errors';
import { ErrorAlert } from '../src/components/QueryState';

function setOnline(online: boolean) {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
}

describe('errors as a person reads them', () => {
  afterEach(() => setOnline(true));

  it('a fetch that never got an answer says the server cannot be reached', () => {
    expect(describeError(new TypeError('Failed to fetch'))).toEqual({
      code: NETWORK_ERROR,
      message: expect.stringMatching(/offline, or the server cannot be reached/),
    });
  });

  it('being offline says so whatever the error', () => {
    setOnline(false);
    expect(describeError(new Error('anything')).code).toBe(NETWORK_ERROR);
  });

  it('a server that answers 5xx without GraphQL is a network problem; other errors keep their message', () => {
    const bad = new ServerError('Response not successful', { response: { status: 502 } as Response, bodyText: 'Bad gateway' });
    expect(describeError(bad)).toEqual({ code: NETWORK_ERROR, message: 'The server did not answer (HTTP 502). Try again in a moment.' });
    expect(describeError(new Error('Team names must be unique.'))).toEqual({ code: null, message: 'Team names must be unique.' });
  });

  it('offers Retry only for temporary errors: the server or its database not reached', () => {
    const retried: string[] = [];
    const { rerender } = render(
      <MantineProvider>
        <ErrorAlert error={new TypeError('Failed to fetch')} onRetry={() => retried.push('yes')} />
      </MantineProvider>,
    );
    expect(screen.getByText('Cannot reach Rolegraph')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retried).toEqual(['yes']);
    rerender(
      <MantineProvider>
        <ErrorAlert error={new Error('Not allowed.')} onRetry={() => retried.push('no')} />
      </MantineProvider>,
    );
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    // The server answered that its database cannot be reached: temporary too.
    rerender(
      <MantineProvider>
        <ErrorAlert
          error={new CombinedGraphQLErrors({ errors: [{ message: 'The database cannot be reached right now.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] })}
          onRetry={() => retried.push('again')}
        />
      </MantineProvider>,
    );
    expect(screen.getByText('Rolegraph is unavailable')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retried).toEqual(['yes', 'again']);
  });
});

import { act, fireEvent, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { viewerUnavailable, type Viewer } from '../src/app/viewer';
import { VIEWER_RETRY_MS, ViewerUnavailable } from '../src/app/ViewerUnavailable';

const graphqlError = (code: string, message: string) => new CombinedGraphQLErrors({ errors: [{ message, extensions: { code } }], data: null });
const databaseDown = graphqlError('SERVICE_UNAVAILABLE', 'The database cannot be reached right now. Try again in a few seconds.');

describe('when who is signed in cannot be found out', () => {
  it('a server or database that did not answer is "unavailable"; UNAUTHENTICATED is being signed out', () => {
    expect(viewerUnavailable(null, databaseDown)).toBe(databaseDown);
    const offline = new TypeError('Failed to fetch');
    expect(viewerUnavailable(null, offline)).toBe(offline);
    expect(viewerUnavailable(null, graphqlError('UNAUTHENTICATED', 'Sign in first: this needs a session or an API key.'))).toBeNull();
    expect(viewerUnavailable(null, undefined)).toBeNull();
    expect(viewerUnavailable({ account: { id: 'a' } } as Viewer, databaseDown)).toBeNull();
  });

  it('the page says so with the server’s words, offers Retry, and asks again on its own every few seconds', async () => {
    jest.useFakeTimers();
    try {
      const asked: string[] = [];
      const onRetry = () => {
        asked.push('again');
        return Promise.resolve();
      };
      render(
        <MantineProvider>
          <ViewerUnavailable error={databaseDown} onRetry={onRetry} />
        </MantineProvider>,
      );
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Rolegraph is not answering');
      expect(screen.getByRole('alert').textContent).toContain('The database cannot be reached right now.');
      fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
      expect(asked).toHaveLength(1);
      await act(async () => {
        jest.advanceTimersByTime(VIEWER_RETRY_MS * 2);
      });
      expect(asked).toHaveLength(3);
    } finally {
      jest.useRealTimers();
    }
  });
});

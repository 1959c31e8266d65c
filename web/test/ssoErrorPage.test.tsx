import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { MemoryRouter } from 'react-router';
import { SsoErrorPage } from '../src/pages/auth/SsoErrorPage';

function renderAt(search: string) {
  render(
    <MantineProvider>
      <MemoryRouter initialEntries={[`/sso-error${search}`]}>
        <SsoErrorPage />
      </MemoryRouter>
    </MantineProvider>,
  );
  return screen.getByRole('alert').textContent;
}

describe('the single sign-on error page', () => {
  it('says how long to wait when too many starts came from one address', () => {
    expect(renderAt('?reason=RATE_LIMITED&retryAfterSeconds=540')).toBe('Too many single sign-on attempts came from your network. Try again in 9 minute(s).');
  });

  it('still says to wait when the wait is missing or not a number', () => {
    expect(renderAt('?reason=RATE_LIMITED&retryAfterSeconds=soon')).toMatch(/Wait a few minutes, then start again/);
  });

  it('says the database, not the identity provider, when Rolegraph could not reach its database', () => {
    expect(renderAt('?reason=UNAVAILABLE')).toBe('Rolegraph cannot reach its database right now. Try again in a few seconds.');
  });

  it('falls back to the provider message for a reason it does not know', () => {
    expect(renderAt('?reason=%3Cscript%3E')).toMatch(/identity provider could not be reached/);
  });
});

import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { PASSWORD, signInThroughPage, signUpOwner } from '../support/people';

const rolegraph = rolegraphAndChromium();

test('My account: sessions are listed, changing the password ends the other ones, sign out everywhere ends this one', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Mia Chen', 'Chen Labs');
  const userAgent = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
  const page = await (await rolegraph.browser.newContext({ userAgent })).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'My account' }).click();
  const rows = page.getByTestId('session-row');
  await rows.first().waitFor();
  // The sign-up's session (the API's) and this browser's.
  expect(await rows.count()).toBe(2);
  await page.getByText('This session').waitFor();
  // Each says where it was opened: this browser, and the program that signed up (Node's fetch), both from this machine.
  const thisSession = rows.filter({ hasText: 'This session' });
  await thisSession.getByText('Chrome 131 on Mac OS').waitFor();
  expect(await thisSession.getByText(/^from .*127\.0\.0\.1$/).count()).toBe(1);
  await page.getByRole('button', { name: /^End the session on node, signed in / }).waitFor();
  // And when it was last used: this one just now.
  await page.getByRole('columnheader', { name: 'Last active' }).waitFor();
  expect(await thisSession.locator('time').count()).toBe(3);
  await screenshot(page, 'my-account');

  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password').fill('a much better passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('The current password is not right.').waitFor();
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Password changed. Your other sessions were ended.').waitFor();
  // The API session of the sign-up ended.
  const me = await fetch(`${rolegraph.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
    body: JSON.stringify({ query: '{ me { account { id } } }' }),
  });
  expect((await me.json()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="session-row"]').length === 1);

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.getByRole('dialog', { name: 'Sign out everywhere?' }).getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.waitForURL(`${rolegraph.server.url}/sign-in`);
});

test('the sign-in page offers "Forgot password", which answers the same for any email', async () => {
  const page = await (await rolegraph.browser.newContext()).newPage();
  await page.goto(`${rolegraph.server.url}/sign-in`);
  await page.getByLabel('Email').fill('nobody@example.com');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByLabel('Email').fill('nobody@example.com');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await page.getByText('If an account uses nobody@example.com, a reset link is on its way.', { exact: false }).waitFor();
  await screenshot(page, 'forgot-password');
});

import type { Page } from 'playwright-core';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { tabTo } from '../support/keyboard';
import { seriousAxeViolations } from '../support/pageChecks';
import { addMember, signInThroughPage, signUpOwner, type Person } from '../support/people';

/**
 * An account may found more organizations than the one it signed up with:
 * from the organization menu, and from the "No organization" page, where a
 * person removed from their only organization would otherwise be stuck
 * waiting for an invitation.
 */
const rolegraph = rolegraphAndChromium();
let owner: Person & { organizationId: string };

beforeAll(async () => {
  owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics');
});

async function newPage(): Promise<Page> {
  return (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
}

async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.replace(/\s*\*$/, '') ?? '');
}

test('a member removed from their only organization creates their own from the "No organization" page, with the keyboard alone', async () => {
  const removed = await addMember(rolegraph.server, owner, 'Kai Lund');
  const page = await newPage();
  await signInThroughPage(page, rolegraph.server.url, removed);
  await rolegraph.server.gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`, { input: { userId: removed.id } }, owner.token);
  await page.getByRole('heading', { name: 'No organization' }).waitFor();

  await tabTo(page, /^Create an organization$/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create an organization' });
  await dialog.waitFor();
  expect(await focusedName(page)).toBe('Organization name');
  expect(await seriousAxeViolations(page)).toEqual([]);

  // A name the server refuses is said under the field, which keeps the focus.
  await page.keyboard.type('Kai \u202Eevil');
  await page.keyboard.press('Enter');
  const name = dialog.getByRole('textbox', { name: 'Organization name' });
  await name.and(page.locator('[aria-invalid="true"]')).waitFor();
  expect(await focusedName(page)).toBe('Organization name');
  await screenshot(page, 'create-organization-refused');

  await name.fill('');
  await page.keyboard.type('Kai Studio');
  await page.keyboard.press('Enter');
  await page.getByTestId('viewer-role').getByText('Owner').waitFor();
  expect(page.url()).toMatch(/\/members$/);
  await page.getByRole('button', { name: 'Organization: Kai Studio. Switch organization' }).waitFor();
  await page.getByRole('table').getByText(removed.email).waitFor();
});

test('an owner creates a second organization from the organization menu (by keyboard), works in it, and switches back', async () => {
  const colleague = await addMember(rolegraph.server, owner, 'Lee Park');
  const page = await newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  // The menu by keyboard: Enter opens it with the focus on its first item it can act on (the current organization is
  // not one to pick, and she has no other yet), and it holds nothing but its items.
  await page.getByRole('button', { name: 'Organization: Acme Analytics. Switch organization' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menu').waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Create organization');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create an organization' });
  await dialog.getByRole('textbox', { name: 'Organization name' }).fill('Hana Side Project');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('button', { name: 'Organization: Hana Side Project. Switch organization' }).waitFor();
  await page.getByTestId('viewer-role').getByText('Owner').waitFor();
  await page.waitForTimeout(500);
  expect(await page.getByText('Session ended').count()).toBe(0);

  // Nothing of Acme shows here: the members list has her alone.
  await page.getByRole('table').getByText(owner.email).waitFor();
  expect(await page.getByRole('table').getByText(colleague.email).count()).toBe(0);

  await page.getByRole('button', { name: 'Organization: Hana Side Project. Switch organization' }).click();
  await screenshot(page, 'organization-menu-two');
  await page.getByRole('menuitem', { name: 'Acme Analytics · Owner' }).click();
  await page.getByRole('button', { name: 'Organization: Acme Analytics. Switch organization' }).waitFor();
  await page.getByRole('table').getByText(colleague.email).waitFor();

  // This tab changed its own session: the socket's close for it is expected, not news to announce.
  await page.waitForTimeout(500);
  expect(await page.getByText('Session ended').count()).toBe(0);
});

import type { Page } from 'playwright-core';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { tabTo } from '../support/keyboard';
import { seriousAxeViolations } from '../support/pageChecks';
import { addMember, signInThroughPage, signUpOwner } from '../support/people';

/**
 * An owner deletes an organization from Settings: the dialog says what goes
 * with it and asks for its name; she moves on to her other organization,
 * and a member working in it at that moment is told their access ended.
 */
const rolegraph = rolegraphAndChromium();

async function newPage(): Promise<Page> {
  return (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
}

test('an owner deletes an organization with the keyboard alone, after its preview and its name; she moves to her other one, and a member is told', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Rin Sato', 'Scratch Lab');
  const member = await addMember(rolegraph.server, owner, 'Ode Park');
  await rolegraph.server.gql(
    `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { role } }`,
    { input: { name: 'Home Co' } },
    owner.token,
  );

  const memberPage = await newPage();
  await signInThroughPage(memberPage, rolegraph.server.url, member);
  const page = await newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.getByRole('button', { name: 'Organization: Scratch Lab. Switch organization' }).waitFor();
  await page.goto(`${rolegraph.server.url}/settings?section=organization`);
  await page.getByRole('heading', { name: 'Delete organization' }).waitFor();

  await tabTo(page, /^Delete organization…$/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete this organization' });
  await dialog.getByText('2 members (you included) lose access').waitFor();
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toMatch(/^Type Scratch Lab to confirm/);
  const confirm = dialog.getByRole('button', { name: 'Delete organization' });
  await page.keyboard.type('scratch lab');
  expect(await confirm.isDisabled()).toBe(true);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await screenshot(page, 'delete-organization');

  await page.keyboard.press('Control+A');
  await page.keyboard.type('Scratch Lab');
  expect(await confirm.isDisabled()).toBe(false);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Organization: Home Co. Switch organization' }).waitFor();
  await page.getByText('Scratch Lab was deleted.').waitFor();
  // Her own tab changed its session: that is not news to announce.
  await page.waitForTimeout(500);
  expect(await page.getByText('Session ended').count()).toBe(0);
  // Scratch Lab is no longer hers to switch to.
  await page.getByRole('button', { name: 'Organization: Home Co. Switch organization' }).click();
  expect(await page.getByRole('menuitem', { name: /Scratch Lab/ }).count()).toBe(0);
  await page.keyboard.press('Escape');

  // The member's open tab hears that its access ended and shows that they belong to no organization.
  await memberPage.getByText('You no longer have access to this organization.').waitFor();
  await memberPage.getByRole('heading', { name: 'No organization' }).waitFor();
});

test('an owner who deletes her only organization lands on "No organization", from where she can start another', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Ula Berg', 'Only Org');
  const page = await newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/settings?section=organization`);
  await page.getByRole('button', { name: 'Delete organization…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this organization' });
  await dialog.getByText('1 member (you included) loses access').waitFor();
  await dialog.getByRole('textbox', { name: /Type Only Org to confirm/ }).fill('Only Org');
  await dialog.getByRole('button', { name: 'Delete organization' }).click();
  await page.getByRole('heading', { name: 'No organization' }).waitFor();
  await page.getByRole('button', { name: 'Create an organization' }).waitFor();
  expect(await page.getByText('Session ended').count()).toBe(0);
});

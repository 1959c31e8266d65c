import type { Page } from 'playwright-core';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { addMember, signInThroughPage, signUpOwner, type Person } from '../support/people';
import { expectText } from '../support/expectText';
import { seriousAxeViolations } from '../support/pageChecks';

const rolegraph = rolegraphAndChromium();
let page: Page;
let member: Person;

let owner: Person;

beforeAll(async () => {
  owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics');
  member = await addMember(rolegraph.server, owner, 'Mo Reyes');
  page = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
});

test('an owner creates a read-only API key: the secret is shown once and works as a Bearer token', async () => {
  await page.goto(`${rolegraph.server.url}/settings?section=api-keys`);
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Reporting');
  await dialog.getByRole('textbox', { name: 'Preset' }).click();
  await page.getByRole('option', { name: 'Read only' }).click();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const secret = ((await page.getByTestId('api-key-secret').textContent()) ?? '').trim();
  expect(secret.length).toBeGreaterThan(20);
  await screenshot(page, 'api-key-created');
  // A stray Escape does not lose the one-time secret: only Done closes.
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  expect(((await page.getByTestId('api-key-secret').textContent()) ?? '').trim()).toBe(secret);
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Listed by prefix only; the secret is nowhere on the page any more.
  const row = page.getByRole('table', { name: 'API keys' }).getByRole('row', { name: /Reporting/ });
  await row.waitFor();
  expect(await page.getByText(secret).count()).toBe(0);

  // The key answers as the organization, within its scopes.
  const response = await fetch(`${rolegraph.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: '{ me { apiKey { name } organization { name } } }' }),
  });
  expect(((await response.json()) as { data: unknown }).data).toEqual({ me: { apiKey: { name: 'Reporting' }, organization: { name: 'Acme Analytics' } } });
});

test('on a phone, a new API key shows whole (wrapped, not scrolled sideways), with the focus on "Copy key"', async () => {
  // bypassCSP: only so that axe can be added to the page.
  const phone = await (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
  await signInThroughPage(phone, rolegraph.server.url, owner);
  await phone.goto(`${rolegraph.server.url}/settings?section=api-keys`);
  await phone.getByRole('button', { name: 'Create API key' }).click();
  const dialog = phone.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Phone key');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const secret = phone.getByTestId('api-key-secret');
  await secret.waitFor();
  expect(await secret.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
  await phone.waitForFunction(() => document.activeElement?.textContent === 'Copy key');
  expect(await seriousAxeViolations(phone)).toEqual([]);
  await dialog.getByRole('button', { name: 'Done' }).click();
});

test('the LLM provider key is write-only: after saving, only its last four characters show', async () => {
  await page.goto(`${rolegraph.server.url}/settings?section=llm`);
  await page.getByRole('textbox', { name: 'Provider', exact: true }).fill('openai');
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill('gpt-4o');
  await page.getByLabel('Provider API key').fill('sk-test-1234567890abcd');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('A key ending in abcd is set.', { exact: false }).waitFor();
  expect(await page.getByLabel('Provider API key').inputValue()).toBe('');
  expect(await page.content()).not.toContain('sk-test-1234567890abcd');
  await screenshot(page, 'settings-llm');
});

test('an owner fixes a typo in the organization’s name: Settings opens on it, and the header follows, in a member’s open tab too', async () => {
  const memberPage = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(memberPage, rolegraph.server.url, member);
  await memberPage.getByRole('button', { name: 'Organization: Acme Analytics. Switch organization' }).waitFor();
  await page.goto(`${rolegraph.server.url}/settings`);
  const name = page.getByRole('textbox', { name: 'Organization name' });
  await expectText(name, 'Acme Analytics', 'value');
  const save = page.getByRole('button', { name: 'Save' });
  expect(await save.isDisabled()).toBe(true); // nothing to save yet

  // A name the server refuses is said under the field.
  await name.fill('Acme \u202EAnalytics');
  await save.click();
  await name.and(page.locator('[aria-invalid="true"]')).waitFor();

  await name.fill('Acme Analytics Ltd');
  await name.press('Enter');
  await page.getByText('Organization renamed.').waitFor();
  await page.getByRole('button', { name: 'Organization: Acme Analytics Ltd. Switch organization' }).waitFor();
  await screenshot(page, 'settings-organization-renamed');
  // The member's tab was not reloaded: the new name arrived live.
  await memberPage.getByRole('button', { name: 'Organization: Acme Analytics Ltd. Switch organization' }).waitFor();
  await memberPage.context().close();
});

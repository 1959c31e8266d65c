import type { Browser, Page } from 'playwright-core';
import { startRolegraph, type RolegraphServer } from '../support/rolegraphServer';
import { launchChromium, screenshot } from '../support/browser';
import { signInThroughPage, signUpOwner } from '../support/people';

let server: RolegraphServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startRolegraph();
  browser = await launchChromium();
  const owner = await signUpOwner(server, 'Hana Abe', 'Acme Analytics');
  page = await (await browser.newContext()).newPage();
  await signInThroughPage(page, server.url, owner);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('an owner creates a read-only API key: the secret is shown once and works as a Bearer token', async () => {
  await page.goto(`${server.url}/settings`);
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Reporting');
  await dialog.getByRole('textbox', { name: 'Preset' }).click();
  await page.getByRole('option', { name: 'Read only' }).click();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const secret = ((await page.getByTestId('api-key-secret').textContent()) ?? '').trim();
  expect(secret.length).toBeGreaterThan(20);
  await screenshot(page, 'api-key-created');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Listed by prefix only; the secret is nowhere on the page any more.
  const row = page.getByRole('table', { name: 'API keys' }).getByRole('row', { name: /Reporting/ });
  await row.waitFor();
  expect(await page.getByText(secret).count()).toBe(0);

  // The key answers as the organization, within its scopes.
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: '{ me { apiKey { name } organization { name } } }' }),
  });
  expect(((await response.json()) as { data: unknown }).data).toEqual({ me: { apiKey: { name: 'Reporting' }, organization: { name: 'Acme Analytics' } } });
});

test('the LLM provider key is write-only: after saving, only its last four characters show', async () => {
  await page.goto(`${server.url}/settings?section=llm`);
  await page.getByRole('textbox', { name: 'Provider', exact: true }).fill('openai');
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill('gpt-4o');
  await page.getByLabel('Provider API key').fill('sk-test-1234567890abcd');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('A key ending in abcd is set.', { exact: false }).waitFor();
  expect(await page.getByLabel('Provider API key').inputValue()).toBe('');
  expect(await page.content()).not.toContain('sk-test-1234567890abcd');
  await screenshot(page, 'settings-llm');
});

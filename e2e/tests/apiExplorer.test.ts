import type { Page } from 'playwright-core';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { signInThroughPage, signUpOwner } from '../support/people';
import { tabTo } from '../support/keyboard';

/**
 * The API explorer: GraphiQL inside the console, served by Rolegraph itself,
 * running queries with the signed-in person's session, under the console's
 * Content-Security-Policy.
 */

/** The text of a GraphiQL editor (CodeMirror keeps only the visible lines in the page, so ask the editor). */
async function editorText(page: Page, selector: string): Promise<string> {
  return page.evaluate((s) => {
    const editor = document.querySelector(s) as (Element & { CodeMirror?: { getValue(): string } }) | null;
    return editor?.CodeMirror?.getValue() ?? '';
  }, selector);
}

const rolegraph = rolegraphAndChromium();

test('a signed-in person opens the API explorer from the navigation, runs a query and sees their own data', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics');
  const context = await rolegraph.browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(rolegraph.server.url) && !request.url().startsWith('data:')) elsewhere.push(request.url());
  });

  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'API explorer' }).click();
  await page.getByRole('heading', { level: 1, name: 'API explorer' }).waitFor();
  expect(page.url()).toBe(`${rolegraph.server.url}/api-explorer`);

  // Type a query of our own in place of the first one, and run it.
  const queryEditor = page.locator('.graphiql-query-editor .CodeMirror');
  await queryEditor.waitFor();
  await queryEditor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('query WhoAmI { me { account { email name } organization { name } role } }');
  expect(await editorText(page, '.graphiql-query-editor .CodeMirror')).toContain('WhoAmI');
  // The editor is named, and Tab leaves it (no keyboard trap) instead of indenting.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Query');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).not.toBe('Query');
  expect(await editorText(page, '.graphiql-query-editor .CodeMirror')).not.toContain('\t');
  // The Variables editor starts collapsed (GraphiQL moves it off-screen): Tab passes it by; opened, Tab reaches it.
  const focusedNames: string[] = [];
  for (let i = 0; i < 15; i++) {
    focusedNames.push((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '');
    await page.keyboard.press('Tab');
  }
  expect(focusedNames).not.toContain('Variables');
  await page.locator('.graphiql-editor-tools').getByText('Variables', { exact: true }).click();
  await queryEditor.click();
  await tabTo(page, /^Variables$/, { limit: 15 });
  expect(await page.locator('.graphiql-editor-tool .CodeMirror').first().isVisible()).toBe(true);
  await page.getByRole('button', { name: /Execute query/ }).click();

  let result = '';
  for (const deadline = Date.now() + 15_000; Date.now() < deadline && !result.includes(owner.email);) {
    result = await editorText(page, '.result-window .CodeMirror');
    await page.waitForTimeout(100);
  }
  expect(JSON.parse(result)).toEqual({
    data: { me: { account: { email: owner.email, name: 'Hana Abe' }, organization: { name: 'Acme Analytics' }, role: 'OWNER' } },
    extensions: expect.any(Object),
  });
  expect(elsewhere).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
}, 120_000);

test('signed out, /api-explorer leads to sign-in', async () => {
  const context = await rolegraph.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${rolegraph.server.url}/api-explorer`);
  await page.getByLabel('Email').waitFor();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await context.close();
});

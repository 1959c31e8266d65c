import type { Page } from 'playwright-core';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { createResource, signInThroughPage, signUpOwner } from '../support/people';
import { tabStops, tabTo } from '../support/keyboard';

/**
 * With the keyboard alone on a phone (390×844): the navigation, closed
 * behind the menu button, takes no Tab stops (every stop is something in
 * view); opened with the button, its links are reached and in view.
 */

const rolegraph = rolegraphAndChromium();

/** Waits until the phone's navigation has slid into view, or out of it. */
function navigationSlides(page: Page, to: 'in' | 'out'): Promise<unknown> {
  return page.waitForFunction((into) => {
    const box = document.querySelector('nav[aria-label="Main navigation"]')!.getBoundingClientRect();
    return into ? box.left >= 0 : box.right <= 0;
  }, to === 'in');
}

test('on a phone, the closed navigation takes no Tab stops; opened, its links are reached in view', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme');
  const context = await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/members`);
  await page.getByRole('table', { name: 'Members' }).waitFor();

  const closed = await tabStops(page, 15);
  expect(closed.filter((stop) => !stop.inView)).toEqual([]);
  expect(closed.map((stop) => stop.name)).not.toContain('Teams');

  await page.keyboard.press('Escape');
  await page.locator('body').focus();
  await tabTo(page, /^Navigation$/);
  await page.keyboard.press('Enter');
  // The navigation slides in.
  await navigationSlides(page, 'in');
  await tabTo(page, /^Teams$/);
  const focused = await page.evaluate(() => {
    const box = document.activeElement!.getBoundingClientRect();
    return { name: document.activeElement!.textContent?.trim(), inView: box.left >= 0 && box.right <= window.innerWidth };
  });
  expect(focused).toEqual({ name: 'Teams', inView: true });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
  await context.close();
}, 120_000);

test('on a phone, the opened navigation closes on Escape (the focus back on its button) and when the bell changes the page', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Noa Bell', 'Acme Phone Nav');
  const context = await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/members`);
  const burger = page.getByRole('button', { name: 'Navigation' });

  await burger.click();
  await navigationSlides(page, 'in');
  await page.getByRole('link', { name: 'Teams' }).focus();
  await page.keyboard.press('Escape');
  await navigationSlides(page, 'out');
  expect(await burger.getAttribute('aria-expanded')).toBe('false');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Navigation');

  await burger.click();
  await navigationSlides(page, 'in');
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^Notifications, / })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  await navigationSlides(page, 'out');
  await context.close();
}, 120_000);

test('a dialog opened from a menu takes the focus, by mouse or keyboard, and gives it back to the menu’s button', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Mei Menu', 'Acme Menus');
  const id = await createResource(rolegraph.server, owner, { type: 'CORPUS', name: 'Handbook' });
  const page = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/assets/${id}`);
  const actions = page.getByRole('button', { name: 'Actions for Handbook' });
  const focusIsIn = (name: string) =>
    page.waitForFunction((title) => document.activeElement?.closest('[role="dialog"]')?.textContent?.includes(title) === true, name);

  // By keyboard: the menu's button, Enter, down to "Transfer ownership", Enter.
  await actions.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Transfer ownership' }).focus();
  await page.keyboard.press('Enter');
  const transfer = page.getByRole('dialog', { name: /Transfer/ });
  await transfer.waitFor();
  await focusIsIn('Transfer');
  // It stays there (the menu, closing, once took it back a moment later).
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true);
  await page.keyboard.press('Escape');
  await transfer.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Actions for Handbook');

  // By mouse: Delete asks first, focus in the question (on Cancel: deleting cannot be undone), and back on Escape.
  await actions.click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const question = page.getByRole('dialog', { name: 'Delete "Handbook"?' });
  await question.waitFor();
  await page.waitForTimeout(300);
  await page.waitForFunction(() => document.activeElement?.textContent === 'Cancel');
  await page.keyboard.press('Escape');
  await question.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Actions for Handbook');
}, 120_000);

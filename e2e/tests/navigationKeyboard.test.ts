import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { signInThroughPage, signUpOwner } from '../support/people';
import { tabStops, tabTo } from '../support/keyboard';

/**
 * With the keyboard alone on a phone (390×844): the navigation, closed
 * behind the menu button, takes no Tab stops (every stop is something in
 * view); opened with the button, its links are reached and in view.
 */

const rolegraph = rolegraphAndChromium();

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
  await page.waitForFunction(() => document.querySelector('nav[aria-label="Main navigation"]')!.getBoundingClientRect().left >= 0);
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

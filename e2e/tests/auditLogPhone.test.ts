import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { signInThroughPage, signUpOwner } from '../support/people';

const rolegraph = rolegraphAndChromium();

test('on a phone the audit log opens on its entries; the other filters wait behind "More filters" and say when they are set', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics');
  const page = await (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/audit`);
  const firstEntry = page.getByRole('table', { name: 'Audit entries' }).getByRole('row').nth(1);
  await firstEntry.waitFor();
  const top = (await firstEntry.boundingBox())!.y;
  expect(top).toBeLessThan(844 - 100);
  expect(await page.getByRole('textbox', { name: 'Action' }).isVisible()).toBe(true);
  expect(await page.getByRole('textbox', { name: 'Outcome' }).count()).toBe(0);

  const more = page.getByRole('button', { name: 'More filters' });
  expect(await more.getAttribute('aria-expanded')).toBe('false');
  // By keyboard: opening them, the next Tab reaches the first of them.
  await more.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const outcome = page.getByRole('textbox', { name: 'Outcome' });
  expect(await outcome.evaluate((element) => element === document.activeElement)).toBe(true);
  await outcome.click();
  await page.getByRole('option', { name: 'Denied' }).click();
  await page.getByText('No entry matches.').waitFor();
  await page.getByRole('button', { name: 'Fewer filters' }).click();
  // Hidden, still applied, and said so.
  await page.getByRole('button', { name: 'More filters (1 set)' }).waitFor();
  expect(await page.getByText('No entry matches.').isVisible()).toBe(true);
});

test('dates that end before they start are told at the Until field, instead of an empty list', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Mia Chen', 'Acme Dates');
  const page = await (await rolegraph.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/audit`);
  await page.getByRole('table', { name: 'Audit entries' }).getByRole('row').nth(1).waitFor();
  await page.getByLabel('From').fill('2026-03-10');
  await page.getByLabel('Until').fill('2026-03-01');
  const until = page.getByRole('textbox', { name: 'Until' });
  await page.getByText('Until is before From: pick a day on or after it.').first().waitFor();
  expect(await until.getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByText('No entry matches.').count()).toBe(0);
  // A day on or after From: the list again.
  await page.getByLabel('Until').fill('2099-12-31');
  await page.getByRole('table', { name: 'Audit entries' }).getByRole('row').nth(1).waitFor();
  expect(await until.getAttribute('aria-invalid')).not.toBe('true');
});

import type { Locator, Page } from 'playwright-core';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { seriousAxeViolations } from '../support/pageChecks';
import { PASSWORD, signInThroughPage, signUpOwner, type Person } from '../support/people';

/**
 * What the server refuses shows on the field it is about: the field is marked
 * invalid, described by the message (read with its label) and focused, so a
 * person, with the keyboard or a screen reader, lands where the fix goes.
 */
const rolegraph = rolegraphAndChromium();
let owner: Person;

beforeAll(async () => {
  owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics');
});

async function newPage(): Promise<Page> {
  return (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
}

/** The text that describes an input to assistive technology (its aria-describedby targets). */
function description(input: Locator): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

async function expectRefusedOn(input: Locator, message: RegExp): Promise<void> {
  await input.and(input.page().locator('[aria-invalid="true"]')).waitFor();
  expect(await description(input)).toMatch(message);
  expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
}

test('signing up with an email that has an account says so under Email, which takes the focus', async () => {
  const page = await newPage();
  await page.goto(`${rolegraph.server.url}/sign-up`);
  await page.getByLabel('Your name').fill('Hana Again');
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Organization name').fill('Second Org');
  await page.getByRole('button', { name: 'Create organization' }).click();
  const email = page.getByRole('textbox', { name: 'Email' });
  await expectRefusedOn(email, /already exists\. Sign in instead\./);
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await screenshot(page, 'sign-up-email-taken');
  // Fixing the field clears its message.
  await email.fill('hana.second@example.com');
  expect(await email.getAttribute('aria-invalid')).not.toBe('true');
  await page.context().close();
});

test('a team name that would display as something else is refused on the Name field, and the retyped name is created, by keyboard', async () => {
  const page = await newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/teams`);
  await page.getByRole('button', { name: 'Create team' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a team' });
  const name = dialog.getByRole('textbox', { name: 'Name' });
  await name.fill('Data \u202emaet');
  await page.keyboard.press('Enter');
  await expectRefusedOn(name, /contains U\+202E, an invisible text-direction control/);
  expect(await dialog.getByRole('alert').count()).toBe(0);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await screenshot(page, 'create-team-refused-name');

  await page.keyboard.press('ControlOrMeta+A');
  // The field stops at the length the server takes (shared/src/textLimits.ts: 100 for a team's name).
  await page.keyboard.insertText('x'.repeat(150));
  expect((await name.inputValue()).length).toBe(100);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Data team');
  expect(await name.getAttribute('aria-invalid')).not.toBe('true');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Data team', level: 1 }).waitFor();
  // The dialog that navigated is gone: the focus starts on the new team's heading, not on nothing.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Data team');
  await page.context().close();
});

test('the API key dialog is a form: Enter in Name creates the key, and a refused name shows on Name', async () => {
  const page = await newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/settings?section=api-keys`);
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog');
  const name = dialog.getByRole('textbox', { name: 'Name' });
  await name.fill('Reports\u2066');
  await name.press('Enter');
  await expectRefusedOn(name, /contains U\+2066/);

  await name.fill('Reports');
  await name.press('Enter');
  await page.getByTestId('api-key-secret').waitFor();
  await page.context().close();
});

test('changing the password: a wrong current password is refused on that field, which takes the focus from New password', async () => {
  const page = await newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/account`);
  await page.getByLabel('Current password').fill('not the password at all');
  await page.getByLabel('New password').fill('a brand new passphrase');
  await page.getByLabel('New password').press('Enter');
  await expectRefusedOn(page.getByLabel('Current password'), /current password is not right/);
  expect(await page.getByLabel('New password').getAttribute('aria-invalid')).not.toBe('true');
  await page.context().close();
});

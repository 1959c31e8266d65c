import type { Locator, Page } from 'playwright-core';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { expectText } from '../support/expectText';
import { addMember, createResource, signInThroughPage, signUpOwner, type Person } from '../support/people';

const rolegraph = rolegraphAndChromium();

interface Share {
  readonly level: string;
  readonly expiresAt: string | null;
  readonly user: { readonly id: string } | null;
}

async function sharedWith(owner: Person, resourceId: string): Promise<Share[]> {
  const data = await rolegraph.server.gql<{ resource: { sharedWith: Share[] } }>(
    `query($id: ID!) { resource(id: $id) { sharedWith { level expiresAt user { id } } } }`,
    { id: resourceId },
    owner.token,
  );
  return data.resource.sharedWith;
}

async function requestAccess(member: Person, resourceId: string, level: string): Promise<string> {
  const data = await rolegraph.server.gql<{ requestAccess: { id: string } }>(
    `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`,
    { input: { resourceId, level, reason: 'For the audit' } },
    member.token,
  );
  return data.requestAccess.id;
}

async function requestStatus(owner: Person, id: string): Promise<string> {
  const data = await rolegraph.server.gql<{ accessRequests: { edges: { node: { id: string; status: string } }[] } }>(
    `query { accessRequests(list: TO_ANSWER, first: 50) { edges { node { id status } } } }`,
    {},
    owner.token,
  );
  return data.accessRequests.edges.find(({ node }) => node.id === id)?.node.status ?? 'missing';
}

async function signedIn(person: Person, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await (await rolegraph.browser.newContext({ viewport })).newPage();
  await signInThroughPage(page, rolegraph.server.url, person);
  return page;
}

/** Opens the corpus's share dialog and picks "7 days" (the summary then says it counts from Save). */
async function shareWithSevenDays(page: Page, corpusId: string): Promise<Locator> {
  await page.goto(`${rolegraph.server.url}/assets/${corpusId}`);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Share corpus/ });
  await dialog.getByText('7 days').click();
  await dialog
    .getByTestId('expiry-summary')
    .getByText(/^7 days from when you save: until about /)
    .waitFor();
  return dialog;
}

/** yyyy-mm-dd of the day `days` from today, in the local time zone (the browser's). */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** What has the keyboard focus: its tag, its text and the request card it sits in. */
async function focused(page: Page): Promise<{ tag: string; text: string; card: string | null }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      text: element && element !== document.body ? (element.textContent ?? '').trim() : '',
      card: element?.closest('[data-testid="access-request"]')?.textContent?.slice(0, 80) ?? null,
    };
  });
}

test('an end picked in the share dialog and left with Done is not saved later: what the picker shows is what Save gives', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Expiry One');
  const jo = await addMember(rolegraph.server, owner, 'Jo Doe');
  const corpusId = await createResource(rolegraph.server, owner, { type: 'CORPUS', name: 'Playbooks' });
  const page = await signedIn(owner);
  const dialog = await shareWithSevenDays(page, corpusId);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // Opened again: no end date, and none is saved.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expectText(dialog.getByTestId('expiry-summary'), 'No end date.');
  await dialog.getByRole('textbox', { name: 'Add people and teams' }).fill('Jo');
  await page.getByRole('option', { name: /Jo Doe/ }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(await sharedWith(owner, corpusId)).toEqual([{ level: 'VIEWER', expiresAt: null, user: { id: jo.id } }]);
}, 120_000);

test('“7 days” counts from Save, not from when it was picked: a dialog left open two hours still gives seven days', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Lena Vogt', 'Expiry Clock');
  const jo = await addMember(rolegraph.server, owner, 'Jo Ring');
  const corpusId = await createResource(rolegraph.server, owner, { type: 'CORPUS', name: 'Playbooks' });
  const page = await (await rolegraph.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  // The page's clock runs with real time and can be moved on; the server's is untouched.
  await page.clock.install();
  await signInThroughPage(page, rolegraph.server.url, owner);
  const dialog = await shareWithSevenDays(page, corpusId);
  const picked = await page.evaluate(() => Date.now());
  await dialog.getByRole('textbox', { name: 'Add people and teams' }).fill('Jo');
  await page.getByRole('option', { name: /Jo Ring/ }).click();
  await page.clock.fastForward('02:00:00');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const [share] = await sharedWith(owner, corpusId);
  expect(share?.user).toEqual({ id: jo.id });
  const sevenDays = 7 * 24 * 3600 * 1000;
  const twoHours = 2 * 3600 * 1000;
  // Seven days from Save (two hours after the pick), within the minute the test takes.
  expect(Math.abs(new Date(share!.expiresAt!).getTime() - (picked + twoHours + sevenDays))).toBeLessThan(60_000);
}, 120_000);

test('sharing “until a date” with no date or a past date is refused at the field and sends nothing; a future date ends that day', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Ines Park', 'Expiry Two');
  const member = await addMember(rolegraph.server, owner, 'Jun Ito');
  const corpusId = await createResource(rolegraph.server, owner, { type: 'CORPUS', name: 'Playbooks' });
  const page = await signedIn(owner);
  await page.goto(`${rolegraph.server.url}/assets/${corpusId}`);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Share corpus/ });
  await dialog.getByText('Until a date').click();
  await dialog.getByRole('textbox', { name: 'Add people and teams' }).fill('Jun');
  await page.getByRole('option', { name: /Jun Ito/ }).click();

  const save = dialog.getByRole('button', { name: 'Save' });
  const endDate = dialog.getByLabel('End date');
  // No date yet: Save waits for one, and the field says so.
  expect(await save.isDisabled()).toBe(true);
  expect(await endDate.getAttribute('aria-invalid')).toBe('true');
  await dialog.getByText('Pick the day access ends.').waitFor();
  // A past date: the same.
  await endDate.fill('2020-01-01');
  await dialog.getByText('That day has passed: pick a later one.').waitFor();
  expect(await save.isDisabled()).toBe(true);
  await screenshot(page, 'share-dialog-past-end-date');
  expect(await sharedWith(owner, corpusId)).toEqual([]);

  // A future date: Save gives access until the end of that day.
  const day = dayFromToday(10);
  await endDate.fill(day);
  expect(await endDate.getAttribute('aria-invalid')).not.toBe('true');
  await save.click();
  await dialog.waitFor({ state: 'hidden' });
  const [share] = await sharedWith(owner, corpusId);
  expect(share?.user).toEqual({ id: member.id });
  const end = new Date(share!.expiresAt!);
  expect(dayFromToday(0) < day).toBe(true);
  expect([end.getFullYear(), end.getMonth() + 1, end.getDate(), end.getHours()]).toEqual([...day.split('-').map(Number), 23]);
}, 120_000);

test('approving “until” a past date is refused at the field and the request stays pending', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Omar Reed', 'Expiry Three');
  const member = await addMember(rolegraph.server, owner, 'Kai Berg');
  const corpusId = await createResource(rolegraph.server, owner, { type: 'CORPUS', name: 'Playbooks' });
  const requestId = await requestAccess(member, corpusId, 'VIEWER');
  const page = await signedIn(owner);
  await page.goto(`${rolegraph.server.url}/requests`);
  await page.getByTestId('access-request').getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve Kai Berg' });
  await dialog.getByText('Until a date').click();
  const approve = dialog.getByRole('button', { name: 'Approve' });
  expect(await approve.isDisabled()).toBe(true);
  await dialog.getByLabel('End date').fill('2020-01-01');
  await dialog.getByText('That day has passed: pick a later one.').waitFor();
  expect(await approve.isDisabled()).toBe(true);
  // Enter in the form sends nothing either.
  await dialog.getByLabel('End date').press('Enter');
  await new Promise((r) => setTimeout(r, 500));
  expect(await dialog.isVisible()).toBe(true);
  expect(await requestStatus(owner, requestId)).toBe('PENDING');
  expect(await sharedWith(owner, corpusId)).toEqual([]);
}, 120_000);

test('a request for Viewer on a connection: the approver is offered only Member and Admin, Member first, and told why', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Pia Sato', 'Approve Four');
  const member = await addMember(rolegraph.server, owner, 'Lea Moss');
  const connectionId = await createResource(rolegraph.server, owner, { type: 'CONNECTION', name: 'Warehouse', credentials: 'postgres://secret' });
  const requestId = await requestAccess(member, connectionId, 'VIEWER');
  const page = await signedIn(owner);
  await page.goto(`${rolegraph.server.url}/requests`);
  await page.getByTestId('access-request').getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve Lea Moss' });
  const level = dialog.getByRole('textbox', { name: 'Level to grant' });
  await expectText(level, 'Member', 'value');
  await dialog.getByText('Lea Moss asked for Viewer, which a connection does not have: Member is the nearest level above it.').waitFor();
  await level.click();
  await page.getByRole('option', { name: 'Admin' }).waitFor();
  expect(await page.getByRole('option').allTextContents()).toEqual(['Member', 'Admin']);
  await page.keyboard.press('Escape');
  await screenshot(page, 'approve-connection-level');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(await requestStatus(owner, requestId)).toBe('APPROVED');
  expect(await sharedWith(owner, connectionId)).toEqual([{ level: 'MEMBER', expiresAt: null, user: { id: member.id } }]);
}, 120_000);

test('after approving or denying a request, the keyboard focus goes to the next request, then to the empty list, not to the page', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Rosa Vidal', 'Focus Five');
  const member = await addMember(rolegraph.server, owner, 'Mia Lund');
  const kim = await addMember(rolegraph.server, owner, 'Kim Lee');
  const corpusId = await createResource(rolegraph.server, owner, { type: 'CORPUS', name: 'Playbooks' });
  await requestAccess(member, corpusId, 'VIEWER');
  await requestAccess(kim, corpusId, 'EDITOR');
  const page = await signedIn(owner);
  await page.goto(`${rolegraph.server.url}/requests`);
  const cards = page.getByTestId('access-request');
  await cards.nth(1).waitFor();

  // Approve the first with the keyboard: the focus lands on the remaining request's first button.
  const first = (await cards.first().textContent()) ?? '';
  await cards.first().getByRole('button', { name: 'Approve' }).focus();
  await page.keyboard.press('Enter');
  const approveDialog = page.getByRole('dialog', { name: /^Approve / });
  await approveDialog.getByRole('button', { name: 'Approve' }).click();
  await approveDialog.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="access-request"]').length === 1);
  await page.waitForFunction(() => document.activeElement !== document.body, undefined, { timeout: 5_000 }).catch(() => undefined);
  const afterApprove = await focused(page);
  expect({ tag: afterApprove.tag, text: afterApprove.text }).toEqual({ tag: 'button', text: 'Approve' });
  expect(afterApprove.card).not.toBeNull();
  expect(first.startsWith(afterApprove.card!)).toBe(false);

  // Deny the last one: the focus lands on the empty list's words.
  await page.keyboard.press('Tab');
  await expectText(page.locator(':focus'), 'Deny');
  // Left unanswered (Escape), the dialog gives the focus back to the button that opened it.
  await page.keyboard.press('Enter');
  const denyDialog = page.getByRole('dialog', { name: /^Deny / });
  await denyDialog.waitFor();
  await page.keyboard.press('Escape');
  await denyDialog.waitFor({ state: 'hidden' });
  await expectText(page.locator(':focus'), 'Deny');
  await page.keyboard.press('Enter');
  await denyDialog.getByRole('textbox', { name: 'Reason (shown to them)' }).fill('Not this quarter');
  await denyDialog.getByRole('button', { name: 'Deny' }).click();
  await denyDialog.waitFor({ state: 'hidden' });
  await page.getByText('No request waits for you.').waitFor();
  await page.waitForFunction(() => document.activeElement !== document.body, undefined, { timeout: 5_000 }).catch(() => undefined);
  expect(await focused(page)).toEqual({ tag: 'p', text: 'No request waits for you.', card: null });
}, 120_000);

test('on a phone a request card keeps its sentence wide: the badge and buttons wrap below it', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Tara Quinn', 'Phone Six');
  const member = await addMember(rolegraph.server, owner, 'Noa Hart');
  const corpusId = await createResource(rolegraph.server, owner, { type: 'CORPUS', name: 'Quarterly board playbooks' });
  await requestAccess(member, corpusId, 'VIEWER');
  const layout = async (page: Page) => {
    await page.goto(`${rolegraph.server.url}/requests`);
    const card = page.getByTestId('access-request');
    const sentence = await card.getByText(/asks for Viewer on/).boundingBox();
    const approve = await card.getByRole('button', { name: 'Approve' }).boundingBox();
    const box = await card.boundingBox();
    return { sentence: sentence!, approve: approve!, card: box! };
  };

  const phone = await signedIn(owner, { width: 390, height: 844 });
  const onPhone = await layout(phone);
  await screenshot(phone, 'requests-card-phone');
  // The sentence takes the card's width (less its padding), and the buttons sit below it.
  expect(onPhone.sentence.width).toBeGreaterThan(onPhone.card.width - 60);
  expect(onPhone.approve.y).toBeGreaterThanOrEqual(onPhone.sentence.y + onPhone.sentence.height);

  // On a laptop they stay beside it.
  const laptop = await signedIn(owner);
  const onLaptop = await layout(laptop);
  expect(onLaptop.approve.y).toBeLessThan(onLaptop.sentence.y + onLaptop.sentence.height);
}, 120_000);

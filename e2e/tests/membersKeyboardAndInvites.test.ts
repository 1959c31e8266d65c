import type { Page } from 'playwright-core';
import { createTeam } from '@rolegraph/test-support';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { addMember, signInThroughPage, signUpOwner, type Person } from '../support/people';
import { seriousAxeViolations } from '../support/pageChecks';
import { expectText } from '../support/expectText';
import { tabTo } from '../support/keyboard';

/**
 * Members and teams, as a keyboard and screen-reader user relies on them:
 * buttons named as they read, the focus kept on the list after a row goes,
 * invitations not lost to a partial failure, revoking that asks first, and
 * what the server would refuse (the only owner leaving) shown before the click.
 */

const rolegraph = rolegraphAndChromium();

/** A fresh organization: its owner signed in on the Members page. */
async function ownerOnMembers(organization: string): Promise<{ page: Page; owner: Person & { organizationId: string } }> {
  const owner = await signUpOwner(rolegraph.server, `Hana ${organization}`, organization);
  // axe-core is added to the page as a script: the console's CSP would refuse it.
  const page = await (await rolegraph.browser.newContext({ bypassCSP: true })).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/members`);
  await page.getByRole('table', { name: 'Members' }).waitFor();
  return { page, owner };
}

/** The focused element's accessible name as a screen reader starts it (aria-label, else its text), or its tag. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return '(page)';
    return (element.getAttribute('aria-label') ?? element.textContent ?? element.tagName).trim();
  });
}

/** Waits until the focus is on the element named `name`; fails with where it is. */
async function expectFocusOn(page: Page, name: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    last = await focusedName(page);
    if (last === name) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`expected the focus on "${name}", it is on "${last}"`);
}

test('an invitation that partly fails keeps the addresses not invited, with the role, to fix and send again; each link’s copy button is named as it reads', async () => {
  const { page, owner } = await ownerOnMembers('Invites');
  await addMember(rolegraph.server, owner, 'Jo Invites');
  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite members' });
  // The role, chosen as a person does: by its label.
  await dialog.locator('label', { hasText: /^Admin$/ }).click();
  await dialog.getByRole('textbox', { name: 'Emails' }).fill('new@example.com, jo.invites@example.com');
  await dialog.getByRole('button', { name: 'Send invitations' }).click();
  await dialog.getByText('1 of 2 invited as Admin', { exact: false }).waitFor();
  await dialog.getByText(/^Not invited: /).waitFor();

  // The copy button's accessible name holds what it shows (label-content-name-mismatch) and names the address.
  await dialog.getByRole('button', { name: 'Copy link for new@example.com', exact: true }).waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Back to the form: only the address not invited is in the field, the role is still Admin, and why it was refused is said.
  await dialog.getByRole('button', { name: 'Edit the addresses not invited' }).click();
  const emails = dialog.getByRole('textbox', { name: 'Emails' });
  await expectText(emails, 'jo.invites@example.com', 'value');
  expect(await dialog.getByRole('radio', { name: 'Admin' }).isChecked()).toBe(true);
  await dialog.getByRole('alert').getByText('jo.invites@example.com', { exact: false }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Fixed and sent again: this time it goes.
  await emails.fill('jo.other@example.com');
  await dialog.getByRole('button', { name: 'Send invitations' }).click();
  await dialog.getByText('1 of 1 invited as Admin', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  const pending = page.getByRole('table', { name: 'Pending invitations' });
  await pending.getByText('jo.other@example.com').waitFor();
  await pending.getByText('new@example.com').waitFor();
}, 120_000);

test('the only owner sees why they cannot leave before trying, by keyboard too; with a second owner they may', async () => {
  const { page, owner } = await ownerOnMembers('Leaving');
  const leave = page.getByRole('button', { name: 'Leave organization' });
  await expectText(leave, 'Leave organization');
  await page.waitForFunction(() => document.querySelector('button[aria-disabled="true"]')?.textContent?.includes('Leave organization'));

  // Reached by keyboard, it says why.
  await page.locator('body').focus();
  await tabTo(page, /^Leave organization$/);
  await page
    .locator('.mantine-Tooltip-tooltip')
    .getByText(/You are the only owner/)
    .waitFor();
  expect(await leave.getAttribute('aria-describedby')).toBeTruthy();
  const description = await page.evaluate(() => {
    const ids = document.activeElement?.getAttribute('aria-describedby')?.split(' ') ?? [];
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  });
  expect(description).toMatch(/You are the only owner/);

  // Enter and a click do nothing: no confirmation opens.
  await page.keyboard.press('Enter');
  await leave.click({ force: true });
  await page.waitForTimeout(300);
  expect(await page.getByRole('dialog').count()).toBe(0);
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Once another member is an owner, leaving is offered (the page follows live).
  const ravi = await addMember(rolegraph.server, owner, 'Ravi Leaving');
  await rolegraph.server.gql(
    `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`,
    { input: { userId: ravi.id, role: 'OWNER' } },
    owner.token,
  );
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('button')).some((b) => b.textContent?.includes('Leave organization') && b.getAttribute('aria-disabled') !== 'true'),
  );
  await leave.click();
  await page.getByRole('dialog', { name: 'Leave this organization?' }).waitFor();
}, 120_000);

test('after removing a member, the focus moves to the next member’s Remove button, and to the heading once none is left', async () => {
  const { page, owner } = await ownerOnMembers('Removals');
  await addMember(rolegraph.server, owner, 'Jo Removals');
  await addMember(rolegraph.server, owner, 'Ravi Removals');
  await page.reload();
  const members = page.getByRole('table', { name: 'Members' });
  await members.getByText('Ravi Removals').waitFor();

  // Cancelled, the focus is back on the button that opened the dialog.
  await members.getByRole('button', { name: 'Remove Jo Removals' }).click();
  await page.getByRole('dialog', { name: 'Remove Jo Removals?' }).getByRole('button', { name: 'Cancel' }).click();
  await expectFocusOn(page, 'Remove Jo Removals');

  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Remove Jo Removals?' }).getByRole('button', { name: 'Remove Jo Removals' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await members.getByText('Jo Removals').waitFor({ state: 'detached' });
  await expectFocusOn(page, 'Remove Ravi Removals');

  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Remove Ravi Removals?' }).getByRole('button', { name: 'Remove Ravi Removals' }).click();
  await members.getByText('Ravi Removals').waitFor({ state: 'detached' });
  await expectFocusOn(page, 'Members');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
}, 120_000);

test('after removing someone from a team, the focus moves to the next member’s remove button, and to the heading once none is left', async () => {
  const { page, owner } = await ownerOnMembers('Team removals');
  const jo = await addMember(rolegraph.server, owner, 'Jo Teams');
  const ravi = await addMember(rolegraph.server, owner, 'Ravi Teams');
  const teamId = await createTeam(rolegraph.server.api, owner.token, 'Data Platform', [{ id: jo.id }, { id: ravi.id }]);
  await page.goto(`${rolegraph.server.url}/teams/${teamId}`);
  const members = page.getByRole('table', { name: 'Team members' });
  await members.getByText('Ravi Teams').waitFor();

  await members.getByRole('button', { name: 'Remove Jo Teams from the team' }).click();
  await page
    .getByRole('dialog', { name: /Remove Jo Teams from Data Platform/ })
    .getByRole('button', { name: 'Remove from team' })
    .click();
  await members.getByText('Jo Teams').waitFor({ state: 'detached' });
  await expectFocusOn(page, 'Remove Ravi Teams from the team');

  await page.keyboard.press('Enter');
  await page
    .getByRole('dialog', { name: /Remove Ravi Teams from Data Platform/ })
    .getByRole('button', { name: 'Remove from team' })
    .click();
  await members.getByText('Ravi Teams').waitFor({ state: 'detached' });
  // The last row gone, the row before it takes the focus: the owner, who made the team and is in it.
  await expectFocusOn(page, 'Remove Hana Team removals from the team');

  await page.keyboard.press('Enter');
  await page
    .getByRole('dialog', { name: /Remove Hana Team removals from Data Platform/ })
    .getByRole('button', { name: 'Remove from team' })
    .click();
  await members.getByText('Hana Team removals').waitFor({ state: 'detached' });
  await expectFocusOn(page, 'Members (0)');

  // Adding someone back: the button goes disabled under the focus, which moves to the heading with the new count.
  await page.getByRole('textbox', { name: 'Member to add' }).fill('Jo Teams');
  await page.getByRole('option', { name: /Jo Teams/ }).click();
  await page.getByRole('button', { name: 'Add to team' }).click();
  await members.getByText('Jo Teams').waitFor();
  await expectFocusOn(page, 'Members (1)');
}, 120_000);

test('each pending invitation’s buttons name its address, and revoking asks first, then leaves the focus on the next invitation', async () => {
  const { page, owner } = await ownerOnMembers('Pending');
  for (const email of ['ann@example.com', 'bo@example.com']) {
    await rolegraph.server.gql(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`,
      { input: { email, role: 'USER' } },
      owner.token,
    );
  }
  await page.reload();
  const pending = page.getByRole('table', { name: 'Pending invitations' });
  await pending.getByText('bo@example.com').waitFor();
  for (const email of ['ann@example.com', 'bo@example.com']) {
    await pending.getByRole('button', { name: `Resend invitation to ${email}`, exact: true }).waitFor();
    await pending.getByRole('button', { name: `Revoke invitation for ${email}`, exact: true }).waitFor();
  }
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Revoke asks first; Cancel keeps the invitation.
  const revokeAnn = pending.getByRole('button', { name: 'Revoke invitation for ann@example.com' });
  await revokeAnn.click();
  const confirm = page.getByRole('dialog', { name: 'Revoke the invitation for ann@example.com?' });
  await confirm.getByText(/stops working at once/).waitFor();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.waitForTimeout(300);
  expect(await pending.getByText('ann@example.com').count()).toBe(1);

  // Confirmed, it goes; the focus moves to the next invitation's Revoke.
  await revokeAnn.click();
  await confirm.getByRole('button', { name: 'Revoke invitation' }).click();
  await pending.getByText('ann@example.com').waitFor({ state: 'detached' });
  await expectFocusOn(page, 'Revoke invitation for bo@example.com');

  // The last one gone, the focus is on the list's heading.
  await page.keyboard.press('Enter');
  await confirm.waitFor({ state: 'hidden' });
  await page.getByRole('dialog', { name: 'Revoke the invitation for bo@example.com?' }).getByRole('button', { name: 'Revoke invitation' }).click();
  await page.getByText('No pending invitations.').waitFor();
  await expectFocusOn(page, 'Pending invitations');
}, 120_000);

test('giving away a former member’s assets: each Give names its asset, and the focus moves to the next asset’s picker, then to the heading', async () => {
  const { page, owner } = await ownerOnMembers('Heirs');
  const leaver = await addMember(rolegraph.server, owner, 'Lou Heirs');
  await addMember(rolegraph.server, owner, 'Kai Heirs');
  for (const name of ['Alpha notes', 'Beta notes']) {
    await rolegraph.server.gql(
      `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      {
        input: { type: 'CORPUS', name, ownerId: leaver.id },
      },
      owner.token,
    );
  }
  // Removed without naming an heir: what they owned stays theirs, listed for someone to give.
  await rolegraph.server.gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`, { input: { userId: leaver.id } }, owner.token);
  await page.reload();
  const assets = page.getByRole('table', { name: 'Assets of former members' });
  for (const name of ['Alpha notes', 'Beta notes']) {
    await assets.getByRole('textbox', { name: `New owner of ${name}` }).fill('Kai');
    await page.getByRole('option', { name: /Kai Heirs/ }).click();
    await assets.getByRole('button', { name: `Give ${name}` }).click();
    await assets.getByText(name).waitFor({ state: 'detached' });
    await expectFocusOn(page, name === 'Alpha notes' ? 'New owner of Beta notes' : 'Assets of former members');
  }
  await page.getByText('Every asset has an owner who is a member again.').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
}, 120_000);

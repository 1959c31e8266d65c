import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { PASSWORD } from '../support/people';
import { expectText } from '../support/expectText';

const rolegraph = rolegraphAndChromium();

test('a team lead invites a member, the member accepts in another browser, and sees a role change live', async () => {
  // The team lead signs up: a new organization with them as its owner.
  const lead = await (await rolegraph.browser.newContext()).newPage();
  await lead.goto(`${rolegraph.server.url}/sign-up`);
  await lead.getByLabel('Your name').fill('Hana Abe');
  await lead.getByLabel('Email').fill('hana@example.com');
  await lead.getByLabel('Password').fill(PASSWORD);
  await lead.getByLabel('Organization name').fill('Acme Analytics');
  await lead.getByRole('button', { name: 'Create organization' }).click();
  await expectText(lead.getByTestId('viewer-role'), 'Owner');
  await lead.getByRole('table', { name: 'Members' }).waitFor();

  // Invite as a User; the accept link is shown once.
  await lead.getByRole('button', { name: 'Invite member' }).click();
  // Several addresses at once; each gets its own result (an existing member is refused, the others invited).
  const emails = lead.getByRole('textbox', { name: 'Emails' });
  await emails.fill('jun@example.com, not-an-address');
  await lead.getByRole('button', { name: 'Send invitations' }).click();
  await lead.getByText('Not an email address: not-an-address').waitFor();
  await emails.fill('jun@example.com, hana@example.com');
  // The stale error is gone as soon as the input changed.
  expect(await lead.getByText('Not an email address: not-an-address').count()).toBe(0);
  await lead.getByRole('button', { name: 'Send invitations' }).click();
  const results = lead.getByRole('list', { name: 'Invitation results' });
  await results.waitFor();
  await results.getByText(/^Not invited: /).waitFor();
  expect(await lead.getByTestId('accept-url').count()).toBe(1);
  const acceptUrl = (await lead.getByTestId('accept-url').textContent())?.trim() ?? '';
  expect(acceptUrl).toContain('/accept-invitation#token=');
  await screenshot(lead, 'invite-link');
  await lead.getByRole('button', { name: 'Done' }).click();
  await lead.getByRole('table', { name: 'Pending invitations' }).getByText('jun@example.com').waitFor();

  // The invitee opens the link in their own browser and creates their account.
  const member = await (await rolegraph.browser.newContext()).newPage();
  await member.goto(acceptUrl);
  // The page says who invited whom, where, and as what; and offers signing in instead.
  await member.getByRole('heading', { name: 'Join Acme Analytics' }).waitFor();
  await member.getByText('Hana Abe invited jun@example.com to join Acme Analytics as User.').waitFor();
  await member.getByRole('link', { name: 'I already have an account' }).waitFor();
  await screenshot(member, 'accept-invitation');
  await member.getByLabel('Your name').fill('Jun Doe');
  await member.getByLabel('Choose a password').fill(PASSWORD);
  await member.getByRole('button', { name: 'Create account and join' }).click();
  await expectText(member.getByTestId('viewer-role'), 'User');
  // A User sees neither the audit log nor the settings.
  const nav = member.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Members' }).waitFor();
  expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
  expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
  await screenshot(member, 'member-view-as-user');

  // The lead's member list shows the new member without a reload (memberChanged).
  const row = lead.getByRole('row', { name: /Jun Doe/ });
  await row.waitFor();

  // The lead makes them an Admin; the member's page follows live (myAccessChanged).
  // With the keyboard alone: an arrow in the dropdown only asks; nothing changes until the confirmation.
  const roleOfJun = lead.getByRole('combobox', { name: 'Role of Jun Doe' });
  await roleOfJun.focus();
  await lead.keyboard.press('ArrowUp');
  const confirm = lead.getByRole('dialog', { name: "Change Jun Doe's role to Admin?" });
  await confirm.waitFor();
  // The confirmation says what the change does to everyone's access, computed by the server (previewChanges):
  // an Admin gains no resource level by the role alone.
  await confirm.getByText('Nobody’s access changes.').waitFor();
  await expectText(roleOfJun, 'USER', 'value');
  expect(await member.getByTestId('viewer-role').textContent()).toBe('User');
  await screenshot(lead, 'role-change-confirm');
  // Escape changes nothing; the second time, Enter confirms.
  await lead.keyboard.press('Escape');
  await confirm.waitFor({ state: 'hidden' });
  await expectText(roleOfJun, 'USER', 'value');
  await roleOfJun.focus();
  await lead.keyboard.press('ArrowUp');
  await confirm.getByText('Nobody’s access changes.').waitFor();
  // Enter confirms once the dialog has taken the focus (it moves to the confirm button as the dialog opens).
  await lead.waitForFunction(() => document.activeElement?.closest('[role="dialog"]') != null);
  await lead.keyboard.press('Enter');
  await confirm.waitFor({ state: 'hidden' });
  await expectText(roleOfJun, 'ADMIN', 'value');
  await expectText(member.getByTestId('viewer-role'), 'Admin');
  // Admins manage members: the member's navigation gains the audit log without a reload.
  await nav.getByRole('link', { name: 'Audit log' }).waitFor();
  expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
  await screenshot(lead, 'members');

  // The sole owner's own dropdown says why before anyone clicks.
  const reason = lead.getByRole('row', { name: /Hana Abe/ }).getByTestId('role-reason');
  await reason.waitFor();
  expect(await reason.textContent()).toMatch(/owner/i);
}, 120_000);

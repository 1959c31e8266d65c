import type { Page } from 'playwright-core';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { addMember, signInThroughPage, signUpOwner, type Person } from '../support/people';
import { expectText } from '../support/expectText';

const rolegraph = rolegraphAndChromium();
let owner: Person;
let plain: Person;
let page: Page;

beforeAll(async () => {
  owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Directory');
  plain = await addMember(rolegraph.server, owner, 'Jun Doe', 'USER');
  // A plain member, on a phone: pages that list people and teams follow what others change, without a reload.
  page = await (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signInThroughPage(page, rolegraph.server.url, plain);
});

const gql = <T>(query: string, variables: Record<string, unknown>) => rolegraph.server.gql<T>(query, variables, owner.token);

test('a plain member sees teams created, renamed, joined and deleted by others, live', async () => {
  await page.goto(`${rolegraph.server.url}/teams`);
  await page.getByText('No teams yet.').waitFor();

  const created = await gql<{ createTeam: { id: string } }>(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, {
    input: { name: 'Data' },
  });
  const teamId = created.createTeam.id;
  const card = page.getByRole('link', { name: /^Data/ });
  await card.waitFor();
  await expectText(card.getByText(/members?$/), '1 member');

  await card.click();
  await expectText(page.getByRole('heading', { level: 1 }), 'Data');
  const members = page.getByRole('table', { name: 'Team members' });
  expect(await members.getByText(plain.name).count()).toBe(0);

  await gql(`mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`, { input: { teamId, userId: plain.id } });
  await members.getByText(plain.name).waitFor();
  await gql(`mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { id } }`, { input: { id: teamId, name: 'Data science' } });
  await expectText(page.getByRole('heading', { level: 1 }), 'Data science');

  await gql(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: teamId });
  await page.getByRole('alert').getByText('Data science was deleted').waitFor();
  await page.getByRole('link', { name: 'Back to Teams' }).click();
  await page.getByText('No teams yet.').waitFor();
  // Its link, opened later (a notification's "Open team", a bookmark), says so rather than "Could not load this".
  await page.goto(`${rolegraph.server.url}/teams/${teamId}`);
  await page.getByRole('alert').getByText('This team does not exist, or was deleted').waitFor();
  await page.getByRole('link', { name: 'Back to Teams' }).waitFor();
});

test('a plain member sees someone join, change role and leave, live', async () => {
  await page.goto(`${rolegraph.server.url}/members`);
  const table = page.getByRole('table', { name: 'Members' });
  await table.getByText(plain.name).waitFor();
  expect(await table.getByText('Kim Lee').count()).toBe(0);

  const kim = await addMember(rolegraph.server, owner, 'Kim Lee', 'USER');
  const row = table.getByRole('row').filter({ hasText: 'Kim Lee' });
  await expectText(row.getByText(/^(User|Admin)$/), 'User');

  await gql(`mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`, { input: { userId: kim.id, role: 'ADMIN' } });
  await expectText(row.getByText(/^(User|Admin)$/), 'Admin');

  await gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`, { input: { userId: kim.id } });
  await row.waitFor({ state: 'detached' });
});

test('a list extended with "Load more" keeps its place when teams change, and says so until the member asks to see the changes', async () => {
  for (let i = 0; i < 55; i++) {
    await gql(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, { input: { name: `Squad ${String(i).padStart(2, '0')}` } });
  }
  await page.goto(`${rolegraph.server.url}/teams`);
  const cards = page.getByRole('link', { name: /^Squad/ });
  await cards.nth(49).waitFor();
  await page.getByRole('button', { name: 'Load more' }).click();
  await cards.nth(54).waitFor();

  await gql(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, { input: { name: 'Aardvarks' } });
  const notice = page.getByRole('status').filter({ hasText: 'Teams changed since you loaded this list.' });
  await notice.waitFor();
  expect(await cards.count()).toBe(55);
  expect(await page.getByRole('link', { name: /^Aardvarks/ }).count()).toBe(0);

  await notice.getByRole('button', { name: 'Show changes' }).click();
  await page.getByRole('link', { name: /^Aardvarks/ }).waitFor();
  await notice.waitFor({ state: 'detached' });
});

test('a team the viewer deletes from its own page takes them to Teams, not to "was deleted"', async () => {
  const created = await gql<{ createTeam: { id: string } }>(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, {
    input: { name: 'Short-lived' },
  });
  const ownerPage = await (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signInThroughPage(ownerPage, rolegraph.server.url, owner);
  await ownerPage.goto(`${rolegraph.server.url}/teams/${created.createTeam.id}`);
  await ownerPage.getByRole('button', { name: 'Delete team' }).click();
  await ownerPage.getByRole('dialog', { name: 'Delete Short-lived?' }).getByRole('button', { name: 'Delete team' }).click();
  await ownerPage.waitForURL(`${rolegraph.server.url}/teams`);
  await ownerPage.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();
  expect(await ownerPage.getByText('Short-lived was deleted').count()).toBe(0);
  await ownerPage.context().close();
});

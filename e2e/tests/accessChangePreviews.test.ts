import { createTeam, errorCode, grant } from '@rolegraph/test-support';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { tabTo } from '../support/keyboard';
import { controlsPastTheDialog, seriousAxeViolations } from '../support/pageChecks';
import { addMember, createResource, signInThroughPage, signUpOwner } from '../support/people';

const rolegraph = rolegraphAndChromium();

test('on a phone, with the keyboard alone, an owner removes a member, giving what they own to another, after seeing whose access changes', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics');
  const kim = await addMember(rolegraph.server, owner, 'Kim Lee');
  const ravi = await addMember(rolegraph.server, owner, 'Ravi Patel', 'ADMIN');
  const handbookId = await createResource(rolegraph.server, kim, { type: 'CORPUS', name: 'Product Handbook' });

  const page = await (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/members`);
  await page.getByText('Kim Lee').first().waitFor();
  await tabTo(page, /^Remove Kim Lee$/);
  await page.keyboard.press('Enter');

  // Before anything changes: what Kim owns, and the change preview of removing her as things stand.
  const dialog = page.getByRole('dialog', { name: 'Remove Kim Lee?' });
  await dialog.getByText('Product Handbook').waitFor();
  await dialog.getByText('Kim Lee will lose access to 1 resource').waitFor();

  // Ravi is chosen to receive it: the preview follows the choice.
  await tabTo(page, /^Give them to$/);
  // The server's answer to the search typed, before the keys that choose from it.
  const searched = page.waitForResponse((response) => {
    const body = response.request().postData() ?? '';
    return response.url().endsWith('/graphql') && body.includes('MemberOptions') && body.includes('"search":"Ravi"');
  });
  await page.keyboard.type('Ravi');
  await searched;
  await page.getByRole('option', { name: /Ravi Patel/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await dialog.getByText('Ravi Patel will gain Owner on 1 resource').waitFor();
  await dialog.getByText('Kim Lee will lose access to 1 resource').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await controlsPastTheDialog(page)).toEqual([]);
  await screenshot(page, 'remove-member-preview-phone');

  await tabTo(page, /^Remove Kim Lee$/);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('Kim Lee was removed.').waitFor();

  const { resource } = await rolegraph.server.gql<{ resource: { owner: { id: string } } }>(
    `query($id: ID!) { resource(id: $id) { owner { id } } }`,
    { id: handbookId },
    owner.token,
  );
  expect(resource.owner.id).toBe(ravi.id);
  expect(await page.getByRole('button', { name: 'Remove Kim Lee' }).count()).toBe(0);
}, 120_000);

test('transferring an asset shows, before it is made, that its owner steps down to Admin or loses access', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Lena Ortiz', 'Transfer Labs');
  const jun = await addMember(rolegraph.server, owner, 'Jun Doe');
  const kai = await addMember(rolegraph.server, owner, 'Kai Moreau');
  const corpusId = await createResource(rolegraph.server, jun, { type: 'CORPUS', name: 'Field Notes' });

  const page = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(page, rolegraph.server.url, jun);
  await page.goto(`${rolegraph.server.url}/assets/${corpusId}`);
  await page.getByRole('heading', { name: 'Field Notes' }).waitFor();
  await page.getByRole('button', { name: 'Actions for Field Notes' }).click();
  await page.getByRole('menuitem', { name: 'Transfer ownership' }).click();
  const dialog = page.getByRole('dialog', { name: 'Transfer "Field Notes"' });
  await dialog.getByRole('textbox', { name: 'New owner' }).fill('Kai');
  await page.getByRole('option', { name: /Kai Moreau/ }).click();
  await dialog.getByText('Kai Moreau will gain Owner on 1 resource').waitFor();
  await dialog.getByText('Jun Doe will have less access on 1 resource').waitFor();
  // Without keeping Admin, Jun loses the corpus altogether.
  await dialog.getByRole('checkbox', { name: 'The previous owner keeps Admin access' }).uncheck();
  await dialog.getByText('Jun Doe will lose access to 1 resource').waitFor();
  await dialog.getByRole('button', { name: 'Transfer ownership' }).click();
  await dialog.waitFor({ state: 'hidden' });

  const { resource } = await rolegraph.server.gql<{ resource: { owner: { id: string } } }>(
    `query($id: ID!) { resource(id: $id) { owner { id } } }`,
    { id: corpusId },
    owner.token,
  );
  expect(resource.owner.id).toBe(kai.id);
}, 120_000);

test("removing a team's grant shows, before it is made, which of its members lose access", async () => {
  const owner = await signUpOwner(rolegraph.server, 'Mia Chen', 'Team Grants Inc');
  const jun = await addMember(rolegraph.server, owner, 'Jun Park');
  const { createTeam } = await rolegraph.server.gql<{ createTeam: { id: string } }>(
    `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
    { input: { name: 'Data' } },
    owner.token,
  );
  await rolegraph.server.gql(
    `mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`,
    { input: { teamId: createTeam.id, userId: jun.id } },
    owner.token,
  );
  const projectId = await createResource(rolegraph.server, owner, { type: 'PROJECT', name: 'Forecasting' });
  await rolegraph.server.gql(
    `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`,
    { input: { resourceId: projectId, subject: { teamId: createTeam.id }, level: 'MEMBER' } },
    owner.token,
  );

  const page = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/teams/${createTeam.id}`);
  await page.getByRole('table', { name: 'Team grants' }).getByText('Forecasting').waitFor();
  await page.getByRole('button', { name: 'Remove grant on Forecasting' }).click();
  const confirm = page.getByRole('dialog', { name: 'Stop sharing Forecasting with Data?' });
  await confirm.getByText('Jun Park will lose access to 1 resource').waitFor();
  await confirm.getByRole('button', { name: 'Stop sharing' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.getByText('Nothing is shared with this team yet.').waitFor();
}, 120_000);

test('deleting a team, or a project with its assistants, shows first who loses what; on a phone, with the keyboard alone', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Noor Haddad', 'Deletions Ltd');
  const jun = await addMember(rolegraph.server, owner, 'Jun Sato');
  const teamId = await createTeam(rolegraph.server.api, owner.token, 'Growth', [{ id: jun.id }]);
  const projectId = await createResource(rolegraph.server, owner, { type: 'PROJECT', name: 'Launch' });
  await createResource(rolegraph.server, owner, { type: 'ASSISTANT', name: 'Launch helper', parentId: projectId, status: 'LIVE' });
  await grant(rolegraph.server.api, owner.token, projectId, { teamId }, 'MEMBER');

  const page = await (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);

  // The team: Jun reaches the project and its assistant through it.
  await page.goto(`${rolegraph.server.url}/teams/${teamId}`);
  await page.getByRole('table', { name: 'Team grants' }).getByText('Launch').waitFor();
  await tabTo(page, /^Delete team$/);
  await page.keyboard.press('Enter');
  const deleteTeam = page.getByRole('dialog', { name: 'Delete Growth?' });
  await deleteTeam.getByText('Jun Sato will lose access to 2 resources').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await controlsPastTheDialog(page)).toEqual([]);
  await screenshot(page, 'delete-team-preview-phone');
  // Not now: nothing changes.
  await page.keyboard.press('Escape');
  await deleteTeam.waitFor({ state: 'hidden' });

  // The project: the owner and Jun (through the team) lose it and its assistant.
  await page.goto(`${rolegraph.server.url}/projects/${projectId}`);
  await page.getByRole('heading', { name: 'Launch' }).waitFor();
  await tabTo(page, /^Actions for Launch$/);
  await page.keyboard.press('Enter');
  // The menu opens on Share (once it has mounted); Delete is two down.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Share');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Delete');
  await page.keyboard.press('Enter');
  const deleteProject = page.getByRole('dialog', { name: 'Delete "Launch"?' });
  await deleteProject.getByText('Jun Sato will lose access to 2 resources').waitFor();
  await deleteProject.getByText('Noor Haddad will lose access to 2 resources').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await tabTo(page, /^Delete$/);
  await page.keyboard.press('Enter');
  await deleteProject.waitFor({ state: 'hidden' });

  // The team was kept (its dialog was dismissed).
  const { team } = await rolegraph.server.gql<{ team: { id: string } }>(`query($id: ID!) { team(id: $id) { id } }`, { id: teamId }, owner.token);
  expect(team.id).toBe(teamId);
  const gone = await rolegraph.server.api.gql(`query($id: ID!) { resource(id: $id) { id } }`, { id: projectId }, owner.token);
  expect(errorCode(gone)).toBe('NOT_FOUND');
}, 120_000);

test('leaving the organization shows first what the leaver loses', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Omar Farouk', 'Leavers Co');
  const jun = await addMember(rolegraph.server, owner, 'Jun Ito');
  const corpusId = await createResource(rolegraph.server, owner, { type: 'CORPUS', name: 'Playbook' });
  await grant(rolegraph.server.api, owner.token, corpusId, { userId: jun.id }, 'VIEWER');
  await createResource(rolegraph.server, jun, { type: 'CORPUS', name: 'Jun’s drafts' });

  const page = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(page, rolegraph.server.url, jun);
  await page.goto(`${rolegraph.server.url}/members`);
  await page.getByRole('button', { name: 'Leave organization' }).click();
  const confirm = page.getByRole('dialog', { name: 'Leave this organization?' });
  // What Jun was given and what Jun owns: both out of reach once gone (the drafts stay, owned by Jun).
  await confirm.getByText('Jun Ito will lose access to 2 resources').waitFor();
  await confirm.getByRole('button', { name: 'Leave' }).click();
  await confirm.waitFor({ state: 'hidden' });

  const { members } = await rolegraph.server.gql<{ members: { edges: { node: { id: string } }[] } }>(
    `{ members(first: 50) { edges { node { id } } } }`,
    {},
    owner.token,
  );
  expect(members.edges.map((e) => e.node.id)).not.toContain(jun.id);
}, 120_000);

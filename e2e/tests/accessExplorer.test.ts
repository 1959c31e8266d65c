import type { Page, WebSocket } from 'playwright-core';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { addMember, createResource, signInThroughPage, signUpOwner, type Person } from '../support/people';
import { expectText } from '../support/expectText';

const rolegraph = rolegraphAndChromium();
let owner: Person;
let analyst: Person;
let projectId: string;
let assistantId: string;
let teamId: string;
let page: Page;

beforeAll(async () => {
  // A project shared with team Data at Member; its live assistant inherits that for the team's members.
  owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics');
  analyst = await addMember(rolegraph.server, owner, 'Jun Doe');
  await addMember(rolegraph.server, owner, 'Mia Chen', 'ADMIN');
  const team = await rolegraph.server.gql<{ createTeam: { id: string } }>(`mutation { createTeam(input: { name: "Data" }) { id } }`, {}, owner.token);
  teamId = team.createTeam.id;
  await rolegraph.server.gql(
    `mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`,
    { input: { teamId: team.createTeam.id, userId: analyst.id } },
    owner.token,
  );
  projectId = await createResource(rolegraph.server, owner, { type: 'PROJECT', name: 'Revenue insights', description: 'Quarterly revenue questions' });
  assistantId = await createResource(rolegraph.server, owner, { type: 'ASSISTANT', name: 'Revenue bot', parentId: projectId, status: 'LIVE' });
  await createResource(rolegraph.server, owner, { type: 'ASSISTANT', name: 'Draft helper', parentId: projectId });
  await rolegraph.server.gql(
    `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`,
    { input: { resourceId: projectId, subject: { teamId: team.createTeam.id }, level: 'MEMBER' } },
    owner.token,
  );
  page = await (await rolegraph.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
});

test('the access explorer explains an inherited team grant, draws the winning path, and lists who has access', async () => {
  await page.goto(`${rolegraph.server.url}/access?user=${analyst.id}&resource=${assistantId}`);
  await expectText(page.getByTestId('effective-level'), 'Member');
  const paths = page.getByRole('table', { name: 'Access paths' });
  await paths.getByText("Member through team Data's grant on Project 'Revenue insights' (inherited)", { exact: false }).waitFor();
  // The graph: Jun → team Data → the project → the assistant, drawn as the winning path.
  const graph = page.getByRole('img', { name: 'Access paths' });
  await graph.locator('[data-testid="path-node-via"][data-winning="true"]', { hasText: 'Team Data' }).waitFor();
  await graph.locator('[data-testid="path-node-anchor"][data-winning="true"]', { hasText: 'Revenue insights' }).waitFor();
  await expect(
    page.getByRole('group', { name: 'Allowed actions' }).or(page.getByLabel('Allowed actions')).getByText('chat', { exact: true }).count(),
  ).resolves.toBe(1);
  // Who has access: the owner (Owner) and the analyst (Member, inherited).
  const who = page.getByRole('table', { name: 'Who has access' });
  await who.getByRole('row', { name: /Jun Doe/ }).waitFor();
  await who.getByRole('row', { name: /Hana Abe/ }).waitFor();
  await screenshot(page, 'access-explorer');
});

test('with a member and a resource chosen, opening either picker offers the others to switch to', async () => {
  await page.goto(`${rolegraph.server.url}/access?user=${analyst.id}&resource=${assistantId}`);
  await expectText(page.getByTestId('effective-level'), 'Member');
  // The picker shows the chosen member; opening it lists everyone (the chosen label is not searched for).
  const member = page.getByRole('textbox', { name: 'Member' });
  await expectText(member, 'Jun Doe (jun.doe@example.com)', 'value');
  await member.click();
  await page.getByRole('option', { name: 'Mia Chen (mia.chen@example.com)' }).click();
  await expectText(page.getByTestId('effective-level'), 'No access'); // an org Admin holds no grant on it
  const resource = page.getByRole('textbox', { name: 'Resource' });
  await resource.click();
  await page.getByRole('option', { name: /^Revenue insights/ }).click();
  await page
    .getByRole('table', { name: 'Who has access' })
    .getByRole('row', { name: /Jun Doe/ })
    .waitFor();
  expect(page.url()).toContain(`resource=${projectId}`);
});

test('the project page shows the assistants and the access inherited from the project', async () => {
  await page.goto(`${rolegraph.server.url}/projects/${projectId}#${assistantId}`);
  await page.getByRole('table', { name: 'Assistants' }).getByText('Draft helper').waitFor();
  const inherited = page.getByRole('table', { name: 'Inherited access' });
  await inherited.getByRole('row', { name: /Jun Doe/ }).waitFor();
  await screenshot(page, 'project');
});

test('the main pages render for an owner', async () => {
  for (const [path, heading, name] of [
    ['/teams', 'Teams', 'teams'],
    ['/projects', 'Projects & assistants', 'projects'],
    ['/matrix', 'Permission matrix', 'permission-matrix'],
    ['/audit', 'Audit log', 'audit-log'],
    ['/notifications', 'Notifications', 'notifications'],
    ['/settings', 'Settings', 'settings'],
  ] as const) {
    await page.goto(`${rolegraph.server.url}${path}`);
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await page.getByLabel('Loading').waitFor({ state: 'detached' });
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, name);
  }
  // The audit log holds what the setup did, e.g. the team grant.
  await page.goto(`${rolegraph.server.url}/audit`);
  await page.getByRole('table', { name: 'Audit entries' }).getByText('grant.created').first().waitFor();
});

test('the explorer follows a change made elsewhere: the member taken out of the team loses the inherited access on screen, no reload', async () => {
  // The change is made once the page has subscribed to the resource's access changes (else it would be missed, not late).
  let subscribed: () => void = () => undefined;
  const onSocket = (socket: WebSocket) =>
    socket.on('framesent', (frame) => {
      if (String(frame.payload).includes('resourceAccessChanged')) subscribed();
    });
  const subscription = new Promise<void>((resolve) => (subscribed = resolve));
  page.on('websocket', onSocket);
  await page.goto(`${rolegraph.server.url}/access?user=${analyst.id}&resource=${assistantId}`);
  await subscription;
  page.off('websocket', onSocket);
  await expectText(page.getByTestId('effective-level'), 'Member');
  const who = page.getByRole('table', { name: 'Who has access' });
  await who.getByRole('row', { name: /Jun Doe/ }).waitFor();
  const membership = { input: { teamId, userId: analyst.id } };
  await rolegraph.server.gql(`mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { id } }`, membership, owner.token);
  await expectText(page.getByTestId('effective-level'), 'No access');
  await who.getByRole('row', { name: /Jun Doe/ }).waitFor({ state: 'detached' });
  await rolegraph.server.gql(`mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`, membership, owner.token);
  await expectText(page.getByTestId('effective-level'), 'Member');
});

test('several paths: edges go around the boxes, the winning one drawn thick on top and told in words; at 390 px the graph runs down the screen and fits', async () => {
  // Jun also gets Admin directly on the assistant: that path wins, and its edge crosses the project's column.
  await rolegraph.server.gql(
    `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`,
    { input: { resourceId: assistantId, subject: { userId: analyst.id }, level: 'ADMIN' } },
    owner.token,
  );
  await page.goto(`${rolegraph.server.url}/access?user=${analyst.id}&resource=${assistantId}`);
  await expectText(page.getByTestId('effective-level'), 'Admin');
  const graph = page.getByRole('img', { name: 'Access paths' });
  await graph.locator('[data-edge="via:direct→resource"][data-winning="true"]').waitFor();
  await graph.locator('[data-edge="anchor:' + projectId + '→resource"][data-winning="false"]').waitFor();
  // Drawn last, so on top of any edge it meets.
  expect(await graph.locator('[data-edge]').last().getAttribute('data-winning')).toBe('true');
  const describedBy = await graph.getAttribute('aria-describedby');
  expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Winning path: Jun Doe → Direct grant → Revenue bot, giving Admin.');
  await screenshot(page, 'access-explorer-paths');

  const phone = await (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signInThroughPage(phone, rolegraph.server.url, owner);
  await phone.goto(`${rolegraph.server.url}/access?user=${analyst.id}&resource=${assistantId}`);
  const area = phone.getByRole('region', { name: 'Access path graph' });
  await area.getByRole('img', { name: 'Access paths' }).waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  // The whole graph shows without scrolling sideways: the user on top, the assistant at the bottom.
  expect(await area.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const user = await area.locator('[data-testid="path-node-user"]').boundingBox();
  const resource = await area.locator('[data-testid="path-node-resource"]').boundingBox();
  expect(user && resource && user.y + user.height < resource.y).toBe(true);
  await area.locator('[data-edge="via:direct→resource"][data-winning="true"]').waitFor();
  await screenshot(phone, 'access-explorer-phone');
  await phone.context().close();
});

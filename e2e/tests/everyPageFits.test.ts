import type { Page } from 'playwright-core';
import { createModelChain, createTeam, grant, tokenOf } from '@rolegraph/test-support';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { tabStops } from '../support/keyboard';
import { addMember, createResource, signInThroughPage, signUpOwner } from '../support/people';
import {
  columnsWithoutHeaders,
  controlsPastTheDialog,
  elementsPastTheRightEdge,
  overlappingCellContent,
  horizontalOverflow,
  levelOneHeadings,
  seriousAxeViolations,
  squeezedTables,
} from '../support/pageChecks';

/**
 * Every page at a phone's size (390×844) and a small laptop's (1280×800):
 * nothing makes the page scroll sideways, no table is squeezed until a row
 * stands taller than 160 px or a timestamp breaks across lines, no table
 * shown as cards scrolls sideways, every column has a name, no control
 * of a dialog sits past its edge, each page has one level-one heading,
 * axe-core finds no critical or serious violation — on the pages and on
 * their dialogs — and each of the first Tab stops of a signed-in page is on
 * screen. Screenshots of each go to e2e/screenshots/.
 */

const rolegraph = rolegraphAndChromium();
let paths: { label: string; path: string; ready: (page: Page) => Promise<void> }[];
let ownerEmail: string;
let acceptUrl: string;

/** Tab presses on each page, from its top. */
const TAB_STOPS = 25;

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;

beforeAll(async () => {
  const owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics and Research Laboratories');
  ownerEmail = owner.email;
  const admin = await addMember(rolegraph.server, owner, 'Ravi Kumar', 'ADMIN');
  const jo = await addMember(rolegraph.server, owner, 'Jo Whitfield-Montgomery');
  const teamId = await createTeam(rolegraph.server.api, owner.token, 'Data Platform', [{ id: jo.id, role: 'ADMIN' }, { id: admin.id }]);
  const projectId = await createResource(rolegraph.server, owner, { type: 'PROJECT', name: 'Quarterly forecasting', description: 'Forecasts for finance' });
  const assistantId = await createResource(rolegraph.server, owner, { type: 'ASSISTANT', name: 'Forecast helper', parentId: projectId });
  // A live assistant Jo reaches two ways (directly, and through the team's grant on the project): the explorer draws both.
  const liveAssistantId = await createResource(rolegraph.server, owner, { type: 'ASSISTANT', name: 'Forecast bot', parentId: projectId, status: 'LIVE' });
  const { semanticModelId } = await createModelChain(rolegraph.server.api, owner.token, 'Sales');
  await grant(rolegraph.server.api, owner.token, semanticModelId, { userId: jo.id }, 'VIEWER');
  await grant(rolegraph.server.api, owner.token, projectId, { teamId }, 'MEMBER');
  await grant(rolegraph.server.api, owner.token, liveAssistantId, { userId: jo.id }, 'ADMIN');
  await rolegraph.server.gql(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }`,
    {
      input: { name: 'CI checks', scopes: { permissions: 'READ', directory: 'READ' } },
    },
    owner.token,
  );
  const invited = await rolegraph.server.gql<{ inviteMember: { acceptUrl: string } }>(
    `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`,
    { input: { email: 'kim@example.com', role: 'USER' } },
    owner.token,
  );
  acceptUrl = invited.inviteMember.acceptUrl;
  expect(tokenOf(acceptUrl)).not.toBe('');
  const heading = async (page: Page) => void (await page.locator('h1').first().waitFor());
  const table = (name: string) => async (page: Page) => void (await page.getByRole('table', { name }).first().waitFor());
  paths = [
    { label: 'members', path: '/members', ready: table('Members') },
    { label: 'teams', path: '/teams', ready: async (p) => void (await p.getByText('Data Platform').first().waitFor()) },
    { label: 'team', path: `/teams/${teamId}`, ready: table('Team members') },
    { label: 'projects', path: '/projects', ready: table('Projects') },
    { label: 'project', path: `/projects/${projectId}#${assistantId}`, ready: table('Assistants') },
    { label: 'assets', path: '/assets?type=SEMANTIC_MODEL', ready: table('Semantic models') },
    { label: 'asset', path: `/assets/${semanticModelId}`, ready: table('Direct grants') },
    { label: 'access-explorer', path: '/access', ready: heading },
    {
      label: 'access-explorer-paths',
      path: `/access?user=${jo.id}&resource=${liveAssistantId}`,
      ready: async (page) => void (await page.getByRole('img', { name: 'Access paths' }).waitFor()),
    },
    { label: 'matrix', path: '/matrix', ready: table('Roles and capabilities') },
    { label: 'audit', path: '/audit', ready: table('Audit entries') },
    { label: 'notifications', path: '/notifications', ready: heading },
    {
      label: 'settings-organization',
      path: '/settings',
      ready: async (page) => void (await page.getByRole('textbox', { name: 'Organization name' }).waitFor()),
    },
    { label: 'settings', path: '/settings?section=api-keys', ready: table('API keys') },
    { label: 'settings-llm', path: '/settings?section=llm', ready: heading },
    { label: 'settings-billing', path: '/settings?section=billing', ready: heading },
    { label: 'settings-sso', path: '/settings?section=sso', ready: heading },
    { label: 'requests', path: '/requests', ready: heading },
    { label: 'request-access', path: '/request-access/00000000-0000-4000-8000-000000000000', ready: heading },
    { label: 'account', path: '/account', ready: table('My sessions') },
    { label: 'api-explorer', path: '/api-explorer', ready: async (p) => void (await p.locator('.graphiql-query-editor .CodeMirror').waitFor()) },
  ];
}, 120_000);

/** What is wrong with the page as it is now: sideways overflow and axe's critical and serious violations (none expected). */
async function problemsOf(page: Page, name: string): Promise<object[]> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // A dialog fades in: judge (and picture) it once its transition is over, not half-transparent.
  // A spinner never stops, hence the time limit.
  await page
    .waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'), undefined, { timeout: 3_000 })
    .catch(() => undefined);
  await screenshot(page, name);
  const problems: object[] = [];
  const overflow = await horizontalOverflow(page);
  if (overflow > 0) problems.push({ name, overflow, elements: await elementsPastTheRightEdge(page) });
  const squeezed = await squeezedTables(page);
  if (squeezed.length > 0) problems.push({ name, squeezed });
  const drawnOver = await overlappingCellContent(page);
  if (drawnOver.length > 0) problems.push({ name, drawnOver });
  const unnamed = await columnsWithoutHeaders(page);
  if (unnamed.length > 0) problems.push({ name, columnsWithoutHeaders: unnamed });
  const cutOff = await controlsPastTheDialog(page);
  if (cutOff.length > 0) problems.push({ name, controlsPastTheDialog: cutOff });
  for (const violation of await seriousAxeViolations(page)) problems.push({ name, ...violation });
  return problems;
}

for (const size of SIZES) {
  test(`every signed-in page fits ${size.width}×${size.height}, has one h1 and passes axe (${size.name})`, async () => {
    const context = await rolegraph.browser.newContext({ viewport: { width: size.width, height: size.height }, bypassCSP: true });
    const page = await context.newPage();
    const problems: object[] = [];
    const expectPageIsUsable = async (p: Page, name: string) => void problems.push(...(await problemsOf(p, name)));
    await signInThroughPage(page, rolegraph.server.url, { email: ownerEmail });
    for (const { label, path, ready } of paths) {
      await page.goto(`${rolegraph.server.url}${path}`);
      await ready(page);
      expect({ label, h1: (await levelOneHeadings(page)).length }).toEqual({ label, h1: 1 });
      await expectPageIsUsable(page, `${label}-${size.name}`);
      // With the keyboard alone: every place Tab takes the focus is on screen (not slid away, clipped or hidden).
      const outOfView = (await tabStops(page, TAB_STOPS)).filter((stop) => !stop.inView);
      if (outOfView.length > 0) problems.push({ name: `${label}-${size.name}`, tabStopsOutOfView: outOfView.map((stop) => stop.name) });
    }

    // Dialogs: inviting, sharing, a confirmation, editing.
    await page.goto(`${rolegraph.server.url}/members`);
    // At either size the members table is a table to a screen reader (on a phone its rows show as cards):
    // the column names, and each row's cells.
    const members = page.getByRole('table', { name: 'Members' });
    await members.getByRole('row', { name: /Jo Whitfield-Montgomery/ }).waitFor();
    expect(await members.getByRole('columnheader').allTextContents()).toEqual(['Name', 'Email', 'Role', 'Teams', 'Owned assets', 'Joined', '']);
    expect(await members.getByRole('row').count()).toBe(4);
    expect(
      await members
        .getByRole('row', { name: /Jo Whitfield-Montgomery/ })
        .getByRole('cell')
        .count(),
    ).toBe(7);
    await page.getByRole('button', { name: 'Invite member' }).click();
    await page.getByRole('dialog').waitFor();
    await expectPageIsUsable(page, `dialog-invite-${size.name}`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    const roleOfJo = page.getByRole('combobox', { name: 'Role of Jo Whitfield-Montgomery' });
    await roleOfJo.selectOption('ADMIN');
    await page.getByRole('dialog', { name: /Change Jo Whitfield-Montgomery's role/ }).waitFor();
    await expectPageIsUsable(page, `dialog-confirm-${size.name}`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await roleOfJo.inputValue()).toBe('USER');

    await page.goto(`${rolegraph.server.url}${paths.find((p) => p.label === 'asset')!.path}`);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByRole('dialog').getByRole('list', { name: 'People with access' }).waitFor();
    await expectPageIsUsable(page, `dialog-share-${size.name}`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('dialog', { name: /Edit semantic model/ }).waitFor();
    await expectPageIsUsable(page, `dialog-edit-${size.name}`);
    await context.close();
    expect(problems).toEqual([]);
  }, 300_000);

  test(`the signed-out pages fit ${size.width}×${size.height} and pass axe (${size.name})`, async () => {
    const context = await rolegraph.browser.newContext({ viewport: { width: size.width, height: size.height }, bypassCSP: true });
    const page = await context.newPage();
    const problems: object[] = [];
    const expectPageIsUsable = async (p: Page, name: string) => void problems.push(...(await problemsOf(p, name)));
    for (const [label, path] of [
      ['sign-in', '/sign-in'],
      ['sign-up', '/sign-up'],
      ['forgot-password', '/forgot-password'],
      ['reset-password', '/reset-password#token=rgr_not-a-real-token'],
      ['sso-error', '/sso-error?reason=SEAT_LIMIT&organization=Acme%20Analytics%20and%20Research%20Laboratories&ask=hana.abe%40example.com'],
    ] as const) {
      await page.goto(`${rolegraph.server.url}${path}`);
      await page.locator('h1').waitFor();
      expect({ label, h1: (await levelOneHeadings(page)).length }).toEqual({ label, h1: 1 });
      await expectPageIsUsable(page, `${label}-${size.name}`);
    }
    await page.goto(acceptUrl);
    await page.getByRole('button', { name: /join/i }).waitFor();
    await expectPageIsUsable(page, `accept-invitation-${size.name}`);
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);
}

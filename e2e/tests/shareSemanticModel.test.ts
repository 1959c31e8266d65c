import { createModelChain } from '@rolegraph/test-support';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { expectText } from '../support/expectText';
import { tabTo } from '../support/keyboard';
import { controlsPastTheDialog, seriousAxeViolations } from '../support/pageChecks';
import { addMember, createResource, signInThroughPage, signUpOwner } from '../support/people';

const rolegraph = rolegraphAndChromium();

test('an owner shares a semantic model and the collaborator sees the toast live', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics');
  const collaborator = await addMember(rolegraph.server, owner, 'Jun Doe');
  await addMember(rolegraph.server, owner, 'Kim Lee');
  const connectionId = await createResource(rolegraph.server, owner, { type: 'CONNECTION', name: 'Warehouse', credentials: 'postgres://secret' });
  const schemaAgentId = await createResource(rolegraph.server, owner, { type: 'SCHEMA_AGENT', name: 'Warehouse ERD', attributes: { connectionId } });
  await createResource(rolegraph.server, owner, { type: 'SEMANTIC_MODEL', name: 'Sales', attributes: { schemaAgentId } });

  // The collaborator is signed in elsewhere, looking at their (empty) assets.
  const collaboratorPage = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(collaboratorPage, rolegraph.server.url, collaborator);
  await collaboratorPage.goto(`${rolegraph.server.url}/assets?type=SEMANTIC_MODEL`);
  await collaboratorPage.getByText('No semantic models you can see.').waitFor();

  // The owner shares the model from the assets page.
  const ownerPage = await (await rolegraph.browser.newContext({ bypassCSP: true })).newPage();
  await signInThroughPage(ownerPage, rolegraph.server.url, owner);
  await ownerPage.goto(`${rolegraph.server.url}/assets?type=SEMANTIC_MODEL`);
  await ownerPage.getByRole('button', { name: 'Actions for Sales' }).click();
  // The menu opens on its first item; its red Delete reads at 4.5:1 or more.
  await ownerPage.waitForFunction(() => document.activeElement?.textContent === 'Share');
  expect(await seriousAxeViolations(ownerPage)).toEqual([]);
  await ownerPage.getByRole('menuitem', { name: 'Share' }).click();
  const dialog = ownerPage.getByRole('dialog', { name: /Share semantic model/ });
  // The owner is listed; the level says what it allows; nothing changes before Save.
  await dialog.getByRole('list', { name: 'People with access' }).getByText('Hana Abe').waitFor();
  await dialog.getByText(/^Editor: Can read, review artifacts, download artifacts, take part in interviews/).waitFor();
  await dialog.getByRole('textbox', { name: 'Add people and teams' }).fill('Jun');
  await ownerPage.getByRole('option', { name: /Jun Doe/ }).click();
  await screenshot(ownerPage, 'share-dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The owner badges now read "Owner: HA • Shared with: JD".
  await ownerPage.getByLabel('Owner: Hana Abe • Shared with: Jun Doe').waitFor();
  await screenshot(ownerPage, 'assets');

  // The collaborator gets the toast, and the model appears in their list without a reload.
  await collaboratorPage.getByText("Hana Abe shared Semantic model 'Sales' with you").waitFor({ timeout: 15_000 });
  await collaboratorPage.getByRole('table', { name: 'Semantic models' }).getByText('Sales').waitFor({ timeout: 15_000 });
  await screenshot(collaboratorPage, 'share-toast');

  // Stopping sharing asks first, and only Save makes it. The same Save shares the model with Kim.
  await ownerPage.getByRole('button', { name: 'Actions for Sales' }).click();
  await ownerPage.getByRole('menuitem', { name: 'Share' }).click();
  await dialog.getByRole('button', { name: 'Stop sharing with Jun Doe' }).click();
  await dialog.getByRole('textbox', { name: 'Add people and teams' }).fill('Kim');
  await ownerPage.getByRole('option', { name: /Kim Lee/ }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  const confirm = ownerPage.getByRole('dialog', { name: 'Take this access away?' });
  await confirm.getByText('Jun Doe stops having access through this share.').waitFor();
  // It opens on Cancel, not on the red button. Escape is Cancel: back to the share dialog, the changes kept, and the
  // question gone for good (it once came back, armed, when the dialog was opened again).
  await ownerPage.waitForFunction(() => document.activeElement?.textContent === 'Cancel');
  await ownerPage.keyboard.press('Escape');
  await confirm.waitFor({ state: 'hidden' });
  await dialog.getByRole('button', { name: 'Undo stop sharing with Jun Doe' }).waitFor();
  await dialog.getByRole('button', { name: 'Save' }).click();
  // With one change preview of the whole Save: the model is all Jun could open, and Kim gains it.
  await confirm.getByText('Jun Doe will lose access to 1 resource').waitFor();
  await confirm.getByText('Kim Lee will gain Editor on 1 resource').waitFor();
  expect(await seriousAxeViolations(ownerPage)).toEqual([]);
  await confirm.getByRole('button', { name: 'Save and remove access' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await collaboratorPage.getByText('No semantic models you can see.').waitFor({ timeout: 15_000 });
}, 120_000);

/**
 * A member with Admin on a semantic model by a direct share opens its share
 * dialog, adds a colleague and removes their own share, not yet saved.
 */
async function handOverDrafted(organization: string, names: { owner: string; leaving: string; taking: string }) {
  const owner = await signUpOwner(rolegraph.server, names.owner, organization);
  const leaving = await addMember(rolegraph.server, owner, names.leaving);
  const taking = await addMember(rolegraph.server, owner, names.taking);
  const { semanticModelId } = await createModelChain(rolegraph.server.api, owner.token, 'Forecast');
  await rolegraph.server.gql(
    `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`,
    { input: { resourceId: semanticModelId, subject: { userId: leaving.id }, level: 'ADMIN' } },
    owner.token,
  );
  const page = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(page, rolegraph.server.url, leaving);
  await page.goto(`${rolegraph.server.url}/assets/${semanticModelId}`);
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: /Share semantic model/ });
  await dialog.getByRole('textbox', { name: 'Add people and teams' }).fill(names.taking.split(' ')[0]!);
  await page.getByRole('option', { name: new RegExp(names.taking) }).click();
  await dialog.getByRole('button', { name: `Stop sharing with ${names.leaving}` }).click();
  const sharedWith = async () =>
    (
      await rolegraph.server.gql<{ resource: { sharedWith: { level: string; user: { id: string } | null }[] } }>(
        `query($id: ID!) { resource(id: $id) { sharedWith { level user { id } } } }`,
        { id: semanticModelId },
        owner.token,
      )
    ).resource.sharedWith;
  return { owner, leaving, taking, page, dialog, sharedWith };
}

test('a collaborator with Admin hands the model to a colleague and removes themselves in one Save: both are made', async () => {
  const { taking, page, dialog, sharedWith } = await handOverDrafted('Handover Co', { owner: 'Rosa Vidal', leaving: 'Omar Leaves', taking: 'Tess Takes' });
  // Their own share goes in the same Save: made last, while they may still share, so the other change is made too.
  await dialog.getByRole('button', { name: 'Save' }).click();
  const confirm = page.getByRole('dialog', { name: 'Take this access away?' });
  await confirm.getByText('You stop having access through this share.').waitFor();
  await confirm.getByText('Tess Takes will gain Editor on 1 resource').waitFor();
  await confirm.getByRole('button', { name: 'Save and remove access' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(await page.getByText('Not everything was saved').count()).toBe(0);
  expect(await sharedWith()).toEqual([{ level: 'EDITOR', user: { id: taking.id } }]);
  // The page they were on now says they need access, with the request form, rather than an error.
  await page.getByText(/You need access/).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Request access' }).waitFor();
  await screenshot(page, 'share-handover-after');
}, 120_000);

test('when handing over fails, the saver keeps their own access and is told why', async () => {
  const { owner, leaving, taking, page, dialog, sharedWith } = await handOverDrafted('Handover Two', {
    owner: 'Pia Owner',
    leaving: 'Otto Stays',
    taking: 'Tara Gone',
  });
  // Meanwhile Tara leaves the organization: sharing with her cannot be made.
  await rolegraph.server.gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { userId } }`, { input: { userId: taking.id } }, owner.token);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('dialog', { name: 'Take this access away?' }).getByRole('button', { name: 'Save and remove access' }).click();
  const failures = dialog.getByRole('alert').filter({ hasText: 'Not everything was saved' });
  await failures.getByText('Otto Stays: not changed, because the changes above were not all made.').waitFor();
  await failures.getByText(/^Tara Gone/).waitFor();
  expect(await sharedWith()).toEqual([{ level: 'ADMIN', user: { id: leaving.id } }]);
}, 120_000);

test('on a phone, with the keyboard alone, an owner shares a semantic model and sets the level', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Kai Moreau', 'Keyboard Labs');
  const collaborator = await addMember(rolegraph.server, owner, 'Lena Ortiz-Vandenberghe');
  const { semanticModelId } = await createModelChain(rolegraph.server.api, owner.token, 'Churn');
  const page = await (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/assets/${semanticModelId}`);
  await page.getByRole('heading', { name: 'Churn' }).waitFor();

  await tabTo(page, /^Share$/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /Share semantic model/ });
  await dialog.getByRole('list', { name: 'People with access' }).getByText('Kai Moreau').waitFor();
  // The focus moves into the dialog; on the search (where it lands, or one Tab on), type, pick with the arrow and Enter.
  await page.waitForFunction(() => document.activeElement?.closest('[role="dialog"]') != null);
  await dialog.getByRole('textbox', { name: 'Add people and teams' }).waitFor();
  if (!(await dialog.getByRole('textbox', { name: 'Add people and teams' }).evaluate((e) => e === document.activeElement))) {
    await tabTo(page, /^Add people and teams$/);
  }
  await page.keyboard.type('Lena');
  await page.getByRole('option', { name: /Lena Ortiz-Vandenberghe/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  // The level for those added: down from Editor to Viewer with the arrows.
  await tabTo(page, /^Level$/);
  const level = dialog.getByRole('textbox', { name: 'Level', exact: true });
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name: 'Viewer' }).waitFor();
  const highlighted = page.locator('[role="option"][data-combobox-selected]');
  for (let presses = 0; presses < 6 && (await highlighted.textContent().catch(() => '')) !== 'Viewer'; presses++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expectText(level, 'Viewer', 'value');
  await screenshot(page, 'share-dialog-keyboard-phone');
  await tabTo(page, /^Save$/);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  // Opened again, her row's level control is reachable and in view on the phone.
  await tabTo(page, /^Share$/, { backwards: true });
  await page.keyboard.press('Enter');
  await tabTo(page, /^Level of Lena Ortiz-Vandenberghe$/);
  expect(await controlsPastTheDialog(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  const { resource } = await rolegraph.server.gql<{ resource: { sharedWith: { level: string; user: { id: string } | null }[] } }>(
    `query($id: ID!) { resource(id: $id) { sharedWith { level user { id } } } }`,
    { id: semanticModelId },
    owner.token,
  );
  expect(resource.sharedWith).toEqual([{ level: 'VIEWER', user: { id: collaborator.id } }]);
}, 120_000);

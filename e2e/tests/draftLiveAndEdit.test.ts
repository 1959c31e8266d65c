import { grant } from '@rolegraph/test-support';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { addMember, createResource, signInThroughPage, signUpOwner } from '../support/people';
import { expectText } from '../support/expectText';

const rolegraph = rolegraphAndChromium();

test('a draft is explained as a draft; making it live asks first; an assistant is renamed and its id copied', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics');
  const jo = await addMember(rolegraph.server, owner, 'Jo Tanaka');
  const projectId = await createResource(rolegraph.server, owner, { type: 'PROJECT', name: 'Revenue insights' });
  const assistantId = await createResource(rolegraph.server, owner, { type: 'ASSISTANT', name: 'Draft helper', parentId: projectId });
  await grant(rolegraph.server.api, owner.token, projectId, { userId: jo.id }, 'MEMBER');

  const context = await rolegraph.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);

  // The explorer says why Jo cannot open it: the draft, not a missing path.
  await page.goto(`${rolegraph.server.url}/access?user=${jo.id}&resource=${assistantId}`);
  await expectText(page.getByTestId('effective-level'), 'No access');
  await page.getByText('Draft: only its owner and the organization’s owners can open it.').first().waitFor();
  expect(await page.getByText(/^No path gives/).count()).toBe(0);
  await screenshot(page, 'explorer-draft');

  // Making it live asks first; Cancel changes nothing.
  await page.goto(`${rolegraph.server.url}/projects/${projectId}`);
  const status = page.getByRole('radiogroup', { name: 'Status of Draft helper' });
  await status.getByText('LIVE').click();
  const confirm = page.getByRole('dialog', { name: 'Make Draft helper live?' });
  await confirm.waitFor();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.goto(`${rolegraph.server.url}/access?user=${jo.id}&resource=${assistantId}`);
  await expectText(page.getByTestId('effective-level'), 'No access');

  await page.goto(`${rolegraph.server.url}/projects/${projectId}`);
  await status.getByText('LIVE').click();
  await confirm.getByRole('button', { name: 'Make live' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.goto(`${rolegraph.server.url}/access?user=${jo.id}&resource=${assistantId}`);
  await expectText(page.getByTestId('effective-level'), 'Member');
  expect(await page.getByText('Draft: only its owner and the organization’s owners can open it.').count()).toBe(0);

  // Rename it; copy its id.
  await page.goto(`${rolegraph.server.url}/projects/${projectId}`);
  await page.getByRole('button', { name: 'Edit Draft helper' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit assistant' });
  await edit.getByRole('textbox', { name: 'Name' }).fill('Revenue helper');
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.waitFor({ state: 'hidden' });
  await page.getByRole('table', { name: 'Assistants' }).getByText('Revenue helper').waitFor();
  await page.getByRole('button', { name: 'Copy id of Revenue helper' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(assistantId);
  await screenshot(page, 'project-renamed');
  await context.close();
}, 180_000);

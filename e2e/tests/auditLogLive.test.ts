import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { signInThroughPage, signUpOwner } from '../support/people';
import { expectText } from '../support/expectText';

const rolegraph = rolegraphAndChromium();

test('a new entry appears on top of the audit log without dropping the entries "Load more" brought in', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Ines Ruiz', 'Acme Audit');
  // More entries than a page shows (50): sixty teams, one entry each.
  for (let i = 0; i < 60; i++) {
    await rolegraph.server.gql(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, { input: { name: `Team ${i}` } }, owner.token);
  }
  const page = await (await rolegraph.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/audit`);
  const rows = page.getByRole('table', { name: 'Audit entries' }).locator('tbody tr');
  await rows.nth(49).waitFor();
  expect(await rows.count()).toBe(50);
  await page.getByRole('button', { name: 'Load more' }).click();
  await rows.nth(50).waitFor();
  const loaded = await rows.count();
  expect(loaded).toBeGreaterThan(60);

  await rolegraph.server.gql(
    `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
    { input: { name: 'Written while reading' } },
    owner.token,
  );
  await expectText(rows.first().getByText('Written while reading'), 'Written while reading');
  expect(await rows.count()).toBe(loaded + 1);
  // The oldest entry brought in by "Load more" is still there.
  await expectText(rows.last().locator('code'), 'organization.created');
});

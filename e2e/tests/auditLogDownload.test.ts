import fs from 'node:fs';
import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { tabTo } from '../support/keyboard';
import { addMember, createResource, signInThroughPage, signUpOwner } from '../support/people';

const rolegraph = rolegraphAndChromium();

test('an owner downloads the audit log as CSV with the keyboard: every matching entry, a hostile name kept inert', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Audit Trail Co');
  await addMember(rolegraph.server, owner, 'Jun Doe');
  const hostile = '=HYPERLINK("https://evil.example","open")';
  await createResource(rolegraph.server, owner, { type: 'CORPUS', name: hostile });
  await createResource(rolegraph.server, owner, { type: 'PROJECT', name: 'Forecasting' });
  const { auditLog } = await rolegraph.server.gql<{ auditLog: { totalCount: number } }>(`{ auditLog { totalCount } }`, {}, owner.token);
  expect(auditLog.totalCount).toBeGreaterThanOrEqual(4);

  const page = await (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/audit`);
  await page.getByText('resource.created').first().waitFor();
  // Each entry's details button is named for its entry.
  const details = page.getByRole('button', { name: 'Details of resource.created on Forecasting' });
  expect(await details.getAttribute('aria-expanded')).toBe('false');
  await tabTo(page, /^Download CSV$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-audit-trail-co-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  await page.getByText(`Downloaded ${auditLog.totalCount} entries.`).waitFor();
  // The focus stayed on the button (Cancel while it ran), ready for the next download.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Download CSV');

  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toBe('Time (UTC),Action,Outcome,Actor type,Actor,Actor id,Target type,Target,Target id,Request id,Before,After,Entry id');
  expect(lines).toHaveLength(1 + auditLog.totalCount);
  // The name a member typed reaches the file, but as text: a spreadsheet does not run it.
  expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""open"")"`);
  expect(lines.filter((line) => line.includes(',resource.created,'))).toHaveLength(2);

  // With a filter, only what it matches.
  const entries = page.getByRole('region', { name: 'Audit entries' });
  await entries.getByText('invitation.created').waitFor();
  // A word alone is its area, as "resource." is.
  await page.getByRole('textbox', { name: 'Action' }).fill('resource');
  await entries.getByText('invitation.created').waitFor({ state: 'hidden' });
  const [filtered] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const filteredLines = fs
    .readFileSync((await filtered.path())!, 'utf8')
    .split('\r\n')
    .slice(1);
  expect(filteredLines).toHaveLength(2);
  expect(filteredLines.filter((line) => !/^[^,]+,resource\.created,/.test(line))).toEqual([]);
}, 120_000);

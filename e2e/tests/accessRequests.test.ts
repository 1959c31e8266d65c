import { rolegraphAndChromium } from '../support/rolegraphAndChromium';
import { screenshot } from '../support/browser';
import { addMember, createResource, signInThroughPage, signUpOwner } from '../support/people';

const rolegraph = rolegraphAndChromium();

test('a member asks for access to a project they cannot see; the owner approves it for a day; the member’s list updates live', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Hana Abe', 'Acme Analytics');
  const member = await addMember(rolegraph.server, owner, 'Jo Doe');
  const projectId = await createResource(rolegraph.server, owner, { type: 'PROJECT', name: 'Roadmap' });

  // The owner waits on the Requests inbox.
  const ownerPage = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(ownerPage, rolegraph.server.url, owner);
  await ownerPage.goto(`${rolegraph.server.url}/requests`);
  await ownerPage.getByText('No request waits for you.').waitFor();

  // Links to an asset and to the project the member cannot open: "You need access", with a request form.
  const memberPage = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(memberPage, rolegraph.server.url, member);
  const corpusId = await createResource(rolegraph.server, owner, { type: 'CORPUS', name: 'Board minutes' });
  await memberPage.goto(`${rolegraph.server.url}/assets/${corpusId}`);
  await memberPage.getByRole('heading', { name: 'You need access' }).waitFor();
  await memberPage.goto(`${rolegraph.server.url}/projects/${projectId}`);
  await memberPage.getByRole('heading', { name: 'You need access' }).waitFor();
  await memberPage.getByRole('textbox', { name: 'Access level' }).click();
  await memberPage.getByRole('option', { name: 'Member' }).click();
  await memberPage.getByRole('textbox', { name: 'Why you need it' }).fill('Planning the next quarter');
  await memberPage.getByRole('button', { name: 'Request access' }).click();
  await memberPage.getByText('Request sent').waitFor();
  await screenshot(memberPage, 'need-access');

  // The member follows their request.
  await memberPage.goto(`${rolegraph.server.url}/requests`);
  await memberPage.getByRole('tab', { name: 'My requests' }).click();
  const mine = memberPage.getByTestId('access-request');
  await mine.getByText('pending').waitFor();

  // The owner is told live, and the request appears in the inbox without a reload.
  await ownerPage.getByText("Jo Doe asks for Member access to Project 'Roadmap'").first().waitFor({ timeout: 15_000 });
  const request = ownerPage.getByTestId('access-request');
  await request.getByText('“Planning the next quarter”').waitFor({ timeout: 15_000 });
  await screenshot(ownerPage, 'requests-inbox');

  // Approve with a one-day end.
  await request.getByRole('button', { name: 'Approve' }).click();
  const dialog = ownerPage.getByRole('dialog');
  await dialog.getByText('1 day').click();
  await dialog
    .getByTestId('expiry-summary')
    .getByText(/^1 day from when you approve: until about /)
    .waitFor();
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await ownerPage.getByText('No request waits for you.').waitFor();

  // The member's list shows the approval, with its end, without a reload.
  await mine.getByText('approved').waitFor({ timeout: 15_000 });
  await mine.getByText(/granted Member, ends /).waitFor();
  await screenshot(memberPage, 'my-requests-approved');

  // And the project now opens for them.
  await memberPage.goto(`${rolegraph.server.url}/projects/${projectId}`);
  await memberPage.getByRole('heading', { name: 'Roadmap' }).waitFor();
}, 120_000);

test('a request withdrawn while the owner approves it: the dialog says so and stays open', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Ana Owner', 'Beta Labs');
  const member = await addMember(rolegraph.server, owner, 'Kim Lee');
  const corpusId = await createResource(rolegraph.server, owner, { type: 'CORPUS', name: 'Contracts' });
  const asked = await rolegraph.server.gql<{ requestAccess: { id: string } }>(
    `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`,
    { input: { resourceId: corpusId, level: 'VIEWER', reason: 'Due diligence' } },
    member.token,
  );

  const ownerPage = await (await rolegraph.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signInThroughPage(ownerPage, rolegraph.server.url, owner);
  await ownerPage.goto(`${rolegraph.server.url}/requests`);
  await ownerPage.getByTestId('access-request').getByRole('button', { name: 'Approve' }).click();
  const dialog = ownerPage.getByRole('dialog', { name: 'Approve Kim Lee' });
  await dialog.waitFor();

  await rolegraph.server.gql(`mutation($id: ID!) { cancelAccessRequest(id: $id) { status } }`, { id: asked.requestAccess.id }, member.token);
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await dialog
    .getByRole('alert')
    .getByText(/no longer pending: it was cancelled|answered meanwhile/)
    .waitFor();
  expect(await dialog.isVisible()).toBe(true);
});

test('a member cancels their own request by keyboard: the card says cancelled, and the focus stays on it', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Mia Chen', 'Acme Cancels');
  const member = await addMember(rolegraph.server, owner, 'Lou Park');
  const corpusId = await createResource(rolegraph.server, owner, { type: 'CORPUS', name: 'Pricing memos' });
  await rolegraph.server.gql(
    `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`,
    {
      input: { resourceId: corpusId, level: 'VIEWER', reason: 'Quarterly review' },
    },
    member.token,
  );
  const page = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(page, rolegraph.server.url, member);
  await page.goto(`${rolegraph.server.url}/requests`);
  await page.getByRole('tab', { name: 'My requests' }).click();
  // Their own request, in their words; the corpus they cannot read, unnamed.
  await page.getByTestId('access-request').getByText('You ask for Viewer on a resource you cannot see', { exact: true }).waitFor();
  const cancel = page.getByRole('button', { name: 'Cancel request' });
  await cancel.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('access-request').getByText('cancelled').waitFor();
  await cancel.waitFor({ state: 'detached' });
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('cancelled');
});

test('approving access to a draft assistant says that it is a draft, and what the access will do', async () => {
  const owner = await signUpOwner(rolegraph.server, 'Dana Draft', 'Acme Drafts');
  const member = await addMember(rolegraph.server, owner, 'Rui Asks');
  const projectId = await createResource(rolegraph.server, owner, { type: 'PROJECT', name: 'Support' });
  const assistantId = await createResource(rolegraph.server, owner, { type: 'ASSISTANT', name: 'Escalations', parentId: projectId, status: 'DRAFT' });
  await rolegraph.server.gql(
    `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`,
    { input: { resourceId: assistantId, level: 'MEMBER' } },
    member.token,
  );
  const page = await (await rolegraph.browser.newContext()).newPage();
  await signInThroughPage(page, rolegraph.server.url, owner);
  await page.goto(`${rolegraph.server.url}/requests`);
  await page.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve Rui Asks' });
  await dialog.getByText('Escalations is a draft: only its owner and the organization', { exact: false }).waitFor();
  await dialog.getByText('can use it once the assistant goes live', { exact: false }).waitFor();
});

import type { Page } from 'playwright-core';
import { PASSWORD, tokenOf } from '@rolegraph/test-support';
import type { RolegraphServer } from './rolegraphServer';

export { PASSWORD };

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly token: string;
}

/** Signs up over the API: a new account owning a new organization. */
export async function signUpOwner(server: RolegraphServer, name: string, organizationName: string): Promise<Person & { organizationId: string }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
  const data = await server.gql<{ signUp: { token: string; account: { id: string }; organization: { id: string } } }>(
    `mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } organization { id } } }`,
    { input: { email, name, organizationName, password: PASSWORD } },
  );
  return { id: data.signUp.account.id, name, email, token: data.signUp.token, organizationId: data.signUp.organization.id };
}

/** Invites someone over the API and accepts for them: a new member of the owner's organization. */
export async function addMember(server: RolegraphServer, owner: Person, name: string, role: 'ADMIN' | 'USER' = 'USER'): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
  const invited = await server.gql<{ inviteMember: { acceptUrl: string } }>(
    `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`,
    { input: { email, role } },
    owner.token,
  );
  const token = tokenOf(invited.inviteMember.acceptUrl);
  const accepted = await server.gql<{ acceptInvitation: { token: string; account: { id: string } } }>(
    `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token account { id } } }`,
    { input: { token, name, password: PASSWORD } },
  );
  return { id: accepted.acceptInvitation.account.id, name, email, token: accepted.acceptInvitation.token };
}

/** Creates a resource over the API as `owner`; returns its id. */
export async function createResource(server: RolegraphServer, owner: Person, input: Record<string, unknown>): Promise<string> {
  const data = await server.gql<{ createResource: { id: string } }>(
    `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
    { input },
    owner.token,
  );
  return data.createResource.id;
}

/** Signs in through the sign-in page, as a person does, and waits for the app. */
export async function signInThroughPage(page: Page, baseUrl: string, person: { email: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('viewer-role').waitFor();
}

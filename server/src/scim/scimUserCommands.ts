import { randomUUID } from 'node:crypto';
import { execute, type CommandContext } from '../commands/commandContext';
import type { CommandScope } from '../commands/commandScope';
import { AccountEntity, emailDomain, normalizeEmail } from '../auth/account.entity';
import { assertDisplayName, assertEmail } from '../auth/accountInput';
import { hashPassword } from '../auth/passwords';
import { newSecret } from '../auth/secretTokens';
import { removeMember } from '../directory/memberCommands';
import { findMembership, insertMembership } from '../directory/membershipStore';
import { countSeatsUsed, lockOrganization } from '../directory/organizationStore';
import { SeatLimitError } from '../errors';
import { ScimError } from './scimErrors';
import { ScimUserEntity } from './scimUser.entity';

/** What a SCIM client may set on a user. */
export interface ScimUserChange {
  readonly name?: string;
  readonly externalId?: string | null;
  readonly active?: boolean;
}

function assertExternalId(externalId: string | null | undefined): string | null {
  if (externalId === undefined || externalId === null) return null;
  if (externalId.length > 500) throw new ScimError(400, 'externalId is limited to 500 characters.', 'invalidValue');
  return externalId;
}

/** Adds the membership (the role given back on reactivation, or USER), counting seats under the organization lock. */
async function joinOrganization(ctx: CommandContext, scope: CommandScope, account: AccountEntity, role: 'ADMIN' | 'USER', why: string): Promise<void> {
  const organization = await lockOrganization(scope.tx, ctx.organizationId);
  if ((await countSeatsUsed(scope.tx, ctx.organizationId)) + 1 > organization.seats) throw new SeatLimitError(organization.seats);
  await insertMembership(scope.tx, ctx.organizationId, account.id, role);
  await scope.audit({ action: why, target: { type: 'MEMBER', id: account.id, label: account.email }, after: { role, by: 'SCIM' } });
  scope.publish({ type: 'memberChanged', organizationId: ctx.organizationId, change: 'JOINED', accountId: account.id, invitationId: null });
  scope.publish({ type: 'accessChanged', organizationId: ctx.organizationId, accountIds: [account.id], reason: 'JOINED' });
}

/**
 * POST /Users: a person joins the organization (as USER) — a new account
 * when no account has the email, otherwise the existing account, but only
 * when its email is in a domain this organization claims or this
 * organization's SCIM client created it: anyone else's account joins by
 * accepting an invitation, never because an organization named its email
 * (409). A current member is a uniqueness conflict (409).
 * `active: false` records the person without a membership.
 */
export async function provisionUser(
  ctx: CommandContext,
  input: { userName: string; name: string; externalId?: string | null; active: boolean },
): Promise<string> {
  const email = assertEmail(input.userName);
  const name = assertDisplayName(input.name);
  const externalId = assertExternalId(input.externalId);
  const passwordHash = await hashPassword(newSecret('session'));
  return execute(ctx, async (scope) => {
    await lockOrganization(scope.tx, ctx.organizationId);
    let account = await scope.tx.findOneBy(AccountEntity, { emailNormalized: normalizeEmail(email) });
    if (
      account &&
      ((await findMembership(scope.tx, ctx.organizationId, account.id)) ||
        (await scope.tx.findOneBy(ScimUserEntity, { organizationId: ctx.organizationId, accountId: account.id })))
    ) {
      throw new ScimError(409, `A user with userName ${email} already exists in this organization.`, 'uniqueness');
    }
    if (account && account.provisionedBy !== ctx.organizationId && !(await claimsDomain(scope, ctx.organizationId, emailDomain(email)))) {
      throw new ScimError(
        409,
        `${email} already has an account, and ${emailDomain(email)} is not a domain this organization has verified. Invite the person instead (they join when they accept), or claim and verify the domain under single sign-on.`,
        'uniqueness',
      );
    }
    if (!account) {
      // Nobody can sign in with this random password: the person resets it, or signs in by single sign-on.
      const id = randomUUID();
      await scope.tx.insert(AccountEntity, { id, email, emailNormalized: normalizeEmail(email), name, passwordHash, provisionedBy: ctx.organizationId });
      account = await scope.tx.findOneByOrFail(AccountEntity, { id });
    }
    await scope.tx.insert(ScimUserEntity, {
      organizationId: ctx.organizationId,
      accountId: account.id,
      externalId,
      active: input.active,
      roleWhenReactivated: 'USER',
    });
    if (input.active) await joinOrganization(ctx, scope, account, 'USER', 'member.provisioned');
    else await scope.audit({ action: 'member.provisioned_inactive', target: { type: 'MEMBER', id: account.id, label: email }, after: { by: 'SCIM' } });
    return account.id;
  });
}

/** Whether the organization has verified the domain (sso_domains: its single sign-on connection's verified domains). */
async function claimsDomain(scope: CommandScope, organizationId: string, domain: string): Promise<boolean> {
  const rows: unknown[] = await scope.tx.query(`SELECT 1 FROM sso_domains WHERE organization_id = $1 AND domain = $2`, [organizationId, domain]);
  return rows.length > 0;
}

/** The SCIM record of a current member who was not provisioned by SCIM, made when a client first changes them. */
async function scimRecordOf(scope: CommandScope, organizationId: string, accountId: string): Promise<ScimUserEntity | null> {
  const record = await scope.tx.findOneBy(ScimUserEntity, { organizationId, accountId });
  if (record) return record;
  const membership = await findMembership(scope.tx, organizationId, accountId);
  if (!membership) return null;
  await scope.tx.insert(ScimUserEntity, { organizationId, accountId, externalId: null, active: true, roleWhenReactivated: 'USER' });
  return scope.tx.findOneByOrFail(ScimUserEntity, { organizationId, accountId });
}

/**
 * PUT/PATCH /Users/{id}: externalId and name; `active: false` deprovisions
 * with removeMember (assets stay, sessions and sockets end, owners cannot be
 * removed this way), `active: true` gives the membership back with the role
 * it had. The display name is the account's, so it changes only when the
 * account belongs to this organization alone.
 */
export async function changeUser(ctx: CommandContext, accountId: string, change: ScimUserChange): Promise<void> {
  const externalId = change.externalId === undefined ? undefined : assertExternalId(change.externalId);
  const name = change.name === undefined ? undefined : assertDisplayName(change.name);
  if (change.active === false) await assertNotOwner(ctx, accountId);
  const wasActive = await execute(ctx, async (scope) => {
    const record = await scimRecordOf(scope, ctx.organizationId, accountId);
    if (!record) throw new ScimError(404, `No user with id ${accountId}.`);
    if (externalId !== undefined && externalId !== record.externalId) {
      await scope.tx.update(ScimUserEntity, { organizationId: ctx.organizationId, accountId }, { externalId });
    }
    if (name !== undefined) {
      const account = await scope.tx.findOneByOrFail(AccountEntity, { id: accountId });
      const [{ count }] = (await scope.tx.query(`SELECT count(*)::int AS count FROM memberships WHERE account_id = $1 AND organization_id <> $2`, [
        accountId,
        ctx.organizationId,
      ])) as { count: number }[];
      if (account.name !== name && count === 0) {
        await scope.tx.update(AccountEntity, { id: accountId }, { name });
        await scope.audit({
          action: 'member.renamed',
          target: { type: 'MEMBER', id: accountId, label: account.email },
          before: { name: account.name },
          after: { name, by: 'SCIM' },
        });
      }
    }
    return record.active;
  });
  if (change.active === false && wasActive) await deactivateUser(ctx, accountId);
  if (change.active === true && !wasActive) await reactivateUser(ctx, accountId);
}

/** Owners are never deprovisioned by SCIM: the organization keeps its break-glass path. */
async function assertNotOwner(ctx: CommandContext, accountId: string): Promise<void> {
  const membership = await findMembership(ctx.app.dataSource.manager, ctx.organizationId, accountId);
  if (membership?.role === 'OWNER') throw new ScimError(403, 'Owners cannot be deprovisioned by SCIM: demote them in Rolegraph first.');
}

/** Deprovisions: the role is kept for reactivation, then removeMember runs (new-enemy safe, audited, live). */
async function deactivateUser(ctx: CommandContext, accountId: string): Promise<void> {
  const membership = await findMembership(ctx.app.dataSource.manager, ctx.organizationId, accountId);
  if (membership) {
    if (membership.role === 'OWNER') throw new ScimError(403, 'Owners cannot be deprovisioned by SCIM: demote them in Rolegraph first.');
    await removeMember(ctx, { userId: accountId });
  }
  await ctx.app.dataSource
    .getRepository(ScimUserEntity)
    .update({ organizationId: ctx.organizationId, accountId }, { active: false, roleWhenReactivated: membership?.role === 'ADMIN' ? 'ADMIN' : 'USER' });
}

async function reactivateUser(ctx: CommandContext, accountId: string): Promise<void> {
  await execute(ctx, async (scope) => {
    const record = await scope.tx.findOneByOrFail(ScimUserEntity, { organizationId: ctx.organizationId, accountId });
    const account = await scope.tx.findOneByOrFail(AccountEntity, { id: accountId });
    if (!(await findMembership(scope.tx, ctx.organizationId, accountId))) {
      await joinOrganization(ctx, scope, account, record.roleWhenReactivated, 'member.reactivated');
    }
    await scope.tx.update(ScimUserEntity, { organizationId: ctx.organizationId, accountId }, { active: true });
  });
}

/** DELETE /Users/{id}: deprovisions like `active: false`, and the SCIM record goes; the account stays. */
export async function deleteUser(ctx: CommandContext, accountId: string): Promise<void> {
  const record = await ctx.app.dataSource.getRepository(ScimUserEntity).findOneBy({ organizationId: ctx.organizationId, accountId });
  const membership = await findMembership(ctx.app.dataSource.manager, ctx.organizationId, accountId);
  if (!record && !membership) throw new ScimError(404, `No user with id ${accountId}.`);
  if (membership) {
    if (membership.role === 'OWNER') throw new ScimError(403, 'Owners cannot be deprovisioned by SCIM: demote them in Rolegraph first.');
    await removeMember(ctx, { userId: accountId });
  }
  await ctx.app.dataSource.getRepository(ScimUserEntity).delete({ organizationId: ctx.organizationId, accountId });
}

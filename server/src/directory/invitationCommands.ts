import { randomUUID } from 'node:crypto';
import { INVITABLE_ROLES, ORG_ROLE_LABELS, type OrgRole } from '@rolegraph/shared';
import type { AppServices } from '../app/appServices';
import { actingAccountId, execute, type CommandContext } from '../commands/commandContext';
import { runCommand } from '../commands/commandScope';
import type { Principal } from '../auth/principal';
import { AccountEntity, normalizeEmail } from '../auth/account.entity';
import { assertPasswordPolicy, hashPassword } from '../auth/passwords';
import { hashSecret, newSecret } from '../auth/secretTokens';
import { createSession, type CreatedSession } from '../auth/sessions';
import type { SessionOrigin } from '../auth/sessionOrigin';
import { assertEmail, assertDisplayName } from '../auth/accountInput';
import { AlreadyMemberError, BadUserInputError, ForbiddenError, NotFoundError, SeatLimitError, UnauthenticatedError } from '../errors';
import { assertId } from '../ids';
import { InvitationEntity, invitationStatus } from './invitation.entity';
import { OrganizationEntity } from './organization.entity';
import { countSeatsUsed, lockOrganization, PENDING_INVITATION } from './organizationStore';
import { findMemberByEmail, findMembership, insertMembership } from './membershipStore';
import { inviteMemberPolicy } from './memberPolicy';
import { checkPolicy } from '../policies/policy';
import { enforce } from '../policies/verdict';

export const INVITATION_TTL_DAYS = 7;

export interface CreatedInvitation {
  readonly invitation: InvitationEntity;
  /** The accept link with the single-use token; returned to the inviter once, never stored. */
  readonly acceptUrl: string;
}

export function acceptUrlFor(app: AppServices, token: string): string {
  // The token travels in the fragment, so it is not sent to servers or in Referer headers.
  return `${app.config.publicUrl}/accept-invitation#token=${encodeURIComponent(token)}`;
}

/**
 * inviteMember: a pending invitation with a single-use token that
 * expires after 7 days. Inviting an email again revokes its open invitation
 * (re-invite and "resend" are the same command). Fails with ALREADY_MEMBER for
 * members and SEAT_LIMIT when members plus pending invitations would exceed
 * the plan's seats.
 */
export async function inviteMember(ctx: CommandContext, input: { email: string; role: OrgRole }): Promise<CreatedInvitation> {
  const email = assertEmail(input.email);
  enforce(await checkPolicy(ctx.access, inviteMemberPolicy, {}));
  if (!INVITABLE_ROLES.includes(input.role)) {
    throw new BadUserInputError('Invitations offer Admin or User. Make someone an owner by promoting them after they join.', 'role');
  }
  const token = newSecret('invitation');
  let mailId = '';
  const invitation = await execute(ctx, async (scope) => {
    const organization = await lockOrganization(scope.tx, ctx.organizationId);
    if (await findMemberByEmail(scope.tx, ctx.organizationId, email)) throw new AlreadyMemberError(email);
    const replaced = await scope.tx
      .createQueryBuilder()
      .update(InvitationEntity)
      .set({ revokedAt: () => 'now()' })
      .where('organization_id = :org AND email_normalized = :email AND accepted_at IS NULL AND revoked_at IS NULL', {
        org: ctx.organizationId,
        email: normalizeEmail(email),
      })
      .returning(['id'])
      .execute();
    const replacedIds = (replaced.raw as { id: string }[]).map((r) => r.id);
    const seatsUsed = await countSeatsUsed(scope.tx, ctx.organizationId);
    if (seatsUsed + 1 > organization.seats) throw new SeatLimitError(organization.seats);

    const created = scope.tx.create(InvitationEntity, {
      id: randomUUID(),
      organizationId: ctx.organizationId,
      email,
      emailNormalized: normalizeEmail(email),
      role: input.role as InvitationEntity['role'],
      tokenHash: hashSecret(token),
      invitedBy: actingAccountId(ctx),
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    });
    await scope.tx.insert(InvitationEntity, created);
    const saved = await scope.tx.findOneByOrFail(InvitationEntity, { id: created.id });
    mailId = await ctx.app.mailer.enqueue(scope.tx, {
      organizationId: ctx.organizationId,
      to: email,
      subject: `You are invited to ${organization.name} on Rolegraph`,
      body: [
        `${ctx.actor.label} invited you to join ${organization.name} as ${ORG_ROLE_LABELS[input.role].name}.`,
        '',
        `Accept the invitation: ${acceptUrlFor(ctx.app, token)}`,
        '',
        `The link works once and expires in ${INVITATION_TTL_DAYS} days.`,
      ].join('\n'),
    });
    await scope.audit({
      action: replacedIds.length > 0 ? 'invitation.resent' : 'invitation.created',
      target: { type: 'INVITATION', id: saved.id, label: email },
      after: { email, role: input.role, expiresAt: saved.expiresAt.toISOString(), replacedInvitationIds: replacedIds },
    });
    scope.publish({ type: 'memberChanged', organizationId: ctx.organizationId, change: 'INVITED', accountId: null, invitationId: saved.id });
    return saved;
  });
  await ctx.app.mailer.deliver(mailId);
  return { invitation, acceptUrl: acceptUrlFor(ctx.app, token) };
}

async function openInvitation(ctx: CommandContext, id: string): Promise<InvitationEntity> {
  const invitation = await ctx.app.dataSource.getRepository(InvitationEntity).findOneBy({ id: assertId(id, 'invitation'), organizationId: ctx.organizationId });
  if (!invitation) throw new NotFoundError('invitation', id);
  const status = invitationStatus(invitation);
  if (status !== 'PENDING') throw new BadUserInputError(`This invitation is ${status.toLowerCase()}; only pending invitations can be changed.`, 'id');
  return invitation;
}

/** Sends a pending invitation again with a new link; the old link stops working. */
export async function resendInvitation(ctx: CommandContext, id: string): Promise<CreatedInvitation> {
  const invitation = await openInvitation(ctx, id);
  return inviteMember(ctx, { email: invitation.email, role: invitation.role });
}

export async function revokeInvitation(ctx: CommandContext, id: string): Promise<InvitationEntity> {
  const invitation = await openInvitation(ctx, id);
  enforce(await checkPolicy(ctx.access, inviteMemberPolicy, {}));
  return execute(ctx, async (scope) => {
    const result = await scope.tx
      .createQueryBuilder()
      .update(InvitationEntity)
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND accepted_at IS NULL AND revoked_at IS NULL', { id: invitation.id })
      .execute();
    if (!result.affected) throw new BadUserInputError('This invitation was accepted or revoked meanwhile.', 'id');
    await scope.audit({
      action: 'invitation.revoked',
      target: { type: 'INVITATION', id: invitation.id, label: invitation.email },
      before: { email: invitation.email, role: invitation.role },
    });
    scope.publish({ type: 'memberChanged', organizationId: ctx.organizationId, change: 'INVITATION_REVOKED', accountId: null, invitationId: invitation.id });
    return scope.tx.findOneByOrFail(InvitationEntity, { id: invitation.id });
  });
}

/**
 * What the holder of an invitation link may see before accepting: the
 * organization's name, the inviter's name, the invited email and the role —
 * for a pending invitation only (unknown, used, revoked or expired links get
 * the same refusals as accepting).
 */
export async function previewInvitation(
  app: AppServices,
  token: string,
): Promise<{ organizationName: string; invitedByName: string | null; email: string; role: InvitationEntity['role']; expiresAt: Date }> {
  const invitation = await pendingInvitation(app, token);
  const organization = await app.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: invitation.organizationId });
  const inviter = invitation.invitedBy ? await app.dataSource.getRepository(AccountEntity).findOneBy({ id: invitation.invitedBy }) : null;
  return {
    organizationName: organization.name,
    invitedByName: inviter?.name ?? null,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
  };
}

/** The pending invitation of a token, or a clear refusal: unknown, used, revoked or expired. */
async function pendingInvitation(app: AppServices, token: string): Promise<InvitationEntity> {
  const invitation = await app.dataSource.getRepository(InvitationEntity).findOneBy({ tokenHash: hashSecret(token) });
  if (!invitation) throw new NotFoundError('invitation');
  const status = invitationStatus(invitation);
  if (status !== 'PENDING') {
    const why = { ACCEPTED: 'has already been used', REVOKED: 'was revoked', EXPIRED: 'has expired' }[status];
    throw new BadUserInputError(`This invitation ${why}. Ask an administrator for a new one.`, 'token');
  }
  return invitation;
}

/**
 * acceptInvitation: creates the account (name, password) or, for the
 * signed-in account with the invitation's email, adds the membership.
 * Returns a new session acting in the organization.
 */
export async function acceptInvitation(
  app: AppServices,
  principal: Principal | null,
  requestId: string,
  origin: SessionOrigin,
  input: { token: string; name?: string | null; password?: string | null },
): Promise<CreatedSession> {
  const invitation = await pendingInvitation(app, input.token);
  const existing = await app.dataSource.getRepository(AccountEntity).findOneBy({ emailNormalized: invitation.emailNormalized });
  // An account that appeared since may come from this very invitation, accepted a moment ago: say so first.
  if (existing) await pendingInvitation(app, input.token);
  let newAccount: { name: string; passwordHash: string } | null = null;
  if (existing) {
    if (!principal || principal.kind !== 'USER') {
      throw new UnauthenticatedError(`An account for ${invitation.email} already exists: sign in as ${invitation.email}, then open the invitation link again.`);
    }
    if (principal.accountId !== existing.id) {
      throw new ForbiddenError(
        `This invitation is for ${invitation.email}, but you are signed in as ${principal.email}. Sign out and sign in as ${invitation.email}.`,
      );
    }
  } else {
    const name = assertDisplayName(input.name ?? '');
    assertPasswordPolicy(input.password ?? '');
    newAccount = { name, passwordHash: await hashPassword(input.password ?? '') };
  }
  const accountId = existing?.id ?? randomUUID();
  const actor = { type: 'USER' as const, id: accountId, label: invitation.email };
  return runCommand(
    { dataSource: app.dataSource, events: app.events, logger: app.logger, changeLog: app.accessChangeLog },
    { actor, organizationId: invitation.organizationId, requestId },
    async (scope) => {
      await lockOrganization(scope.tx, invitation.organizationId);
      // Claim the invitation first: of two acceptances at once, the second finds it taken.
      const claimed = await scope.tx
        .createQueryBuilder()
        .update(InvitationEntity)
        .set({ acceptedAt: () => 'now()' })
        .where(`id = :id AND ${PENDING_INVITATION}`, { id: invitation.id })
        .execute();
      if (!claimed.affected) throw new BadUserInputError('This invitation was used or revoked meanwhile. Ask an administrator for a new one.', 'token');
      if (newAccount) {
        if (await scope.tx.findOneBy(AccountEntity, { emailNormalized: invitation.emailNormalized })) {
          throw new BadUserInputError(
            `An account for ${invitation.email} was created meanwhile: sign in as ${invitation.email}, then open the invitation link again.`,
            'token',
          );
        }
        await scope.tx.insert(AccountEntity, {
          id: accountId,
          email: invitation.email,
          emailNormalized: invitation.emailNormalized,
          name: newAccount.name,
          passwordHash: newAccount.passwordHash,
        });
      } else if (await findMembership(scope.tx, invitation.organizationId, accountId)) {
        throw new AlreadyMemberError(invitation.email);
      }
      await scope.tx.update(InvitationEntity, { id: invitation.id }, { acceptedBy: accountId });
      await insertMembership(scope.tx, invitation.organizationId, accountId, invitation.role);
      await scope.audit({
        action: 'invitation.accepted',
        target: { type: 'MEMBER', id: accountId, label: invitation.email },
        after: { role: invitation.role, invitationId: invitation.id, newAccount: newAccount !== null },
      });
      scope.publish({ type: 'memberChanged', organizationId: invitation.organizationId, change: 'JOINED', accountId, invitationId: invitation.id });
      scope.publish({ type: 'accessChanged', organizationId: invitation.organizationId, accountIds: [accountId], reason: 'JOINED' });
      const organization = await scope.tx.findOneByOrFail(OrganizationEntity, { id: invitation.organizationId });
      return createSession(scope.tx, app.config, accountId, organization.id, origin);
    },
  );
}

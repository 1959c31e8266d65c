import { randomUUID } from 'node:crypto';
import type { AppServices } from '../app/appServices';
import type { Tx } from '../db/database';
import { BadUserInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import { auditBreakGlassSignIn, enforcedSsoFor, SSO_ENFORCED_MESSAGE } from './enforcedSso';
import { assertId } from '../ids';
import { AccountEntity, normalizeEmail } from './account.entity';
import { PasswordResetEntity } from './passwordReset.entity';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords';
import type { UserPrincipal } from './principal';
import { hashSecret, newSecret } from './secretTokens';
import { SessionEntity } from './session.entity';
import { createSession, type CreatedSession } from './sessions';
import type { SessionOrigin } from './sessionOrigin';
import { earliestOrganizationOf } from '../directory/membershipStore';

/** How long a password reset link works. */
export const PASSWORD_RESET_TTL_MINUTES = 60;

/** The reset link: the token travels in the fragment, so it reaches neither servers nor Referer headers. */
export function passwordResetUrl(app: AppServices, token: string): string {
  return `${app.config.publicUrl}/reset-password#token=${encodeURIComponent(token)}`;
}

/** Ends sessions of an account (all, or all but one) in the transaction; returns the ids that ended. */
async function endSessionsOf(tx: Tx, accountId: string, except: string | null): Promise<string[]> {
  const query = tx.createQueryBuilder().delete().from(SessionEntity).where('account_id = :accountId', { accountId });
  if (except) query.andWhere('id <> :except', { except });
  const deleted = await query.returning(['id']).execute();
  return (deleted.raw as { id: string }[]).map((row) => row.id);
}

function publishEnded(app: AppServices, sessionIds: readonly string[]): void {
  for (const sessionId of sessionIds) app.events.publish({ type: 'sessionEnded', sessionId });
}

/**
 * changePassword: the current password is required (counted against the
 * sign-in limits before it is verified, like a sign-in); every other session
 * of the account ends at once, the current one stays.
 */
export async function changePassword(
  app: AppServices,
  principal: UserPrincipal,
  clientAddress: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  assertPasswordPolicy(input.newPassword, 'newPassword');
  const attempt = await app.signInLimiter.beginSignIn(normalizeEmail(principal.email), clientAddress);
  const account = await app.dataSource
    .getRepository(AccountEntity)
    .createQueryBuilder('a')
    .addSelect('a.passwordHash')
    .where('a.id = :id', { id: principal.accountId })
    .getOne();
  if (!account) throw new UnauthenticatedError();
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new BadUserInputError('The current password is not right.', 'currentPassword');
  }
  await attempt.succeeded();
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await app.dataSource.transaction(async (tx) => {
    await tx.update(AccountEntity, { id: account.id }, { passwordHash });
    return endSessionsOf(tx, account.id, principal.sessionId);
  });
  publishEnded(app, ended);
  app.logger.info({ accountId: account.id, sessionsEnded: ended.length }, 'password changed');
}

/**
 * requestPasswordReset: mails a single-use link valid for one hour when an
 * account has that email. The answer is the same whether or not it does, and
 * requests are limited per email and per address (RATE_LIMITED either way).
 * A new link replaces the account's earlier unused ones. A member bound by
 * enforced single sign-on is mailed how to sign in instead of a link.
 */
export async function requestPasswordReset(app: AppServices, clientAddress: string, input: { email: string }): Promise<void> {
  const email = normalizeEmail(input.email);
  if (email.length === 0 || email.length > 320) throw new BadUserInputError('Enter the email address you sign in with.', 'email');
  await app.signInLimiter.countPasswordResetRequest(email, clientAddress);
  const account = await app.dataSource.getRepository(AccountEntity).findOneBy({ emailNormalized: email });
  if (!account) return;
  // A member bound by enforced single sign-on gets no link (it would not let them in): the mail says how they sign in.
  const enforced = await enforcedSsoFor(app.dataSource.manager, account.id, email);
  if (enforced && !enforced.breakGlass) {
    const mailId = await app.dataSource.transaction((tx) =>
      app.mailer.enqueue(tx, {
        organizationId: null,
        to: account.email,
        subject: 'Signing in to Rolegraph',
        body: [
          `Someone (hopefully you) asked to reset the password of ${account.email} on Rolegraph.`,
          '',
          `${SSO_ENFORCED_MESSAGE} A password cannot be used for this account.`,
        ].join('\n'),
      }),
    );
    await app.mailer.deliver(mailId);
    return;
  }
  const token = newSecret('passwordReset');
  const mailId = await app.dataSource.transaction(async (tx) => {
    await tx.createQueryBuilder().delete().from(PasswordResetEntity).where('account_id = :accountId AND used_at IS NULL', { accountId: account.id }).execute();
    await tx.insert(PasswordResetEntity, {
      id: randomUUID(),
      accountId: account.id,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60 * 1000),
      usedAt: null,
    });
    return app.mailer.enqueue(tx, {
      organizationId: null,
      to: account.email,
      subject: 'Reset your Rolegraph password',
      body: [
        `Someone (hopefully you) asked to reset the password of ${account.email} on Rolegraph.`,
        '',
        `Choose a new password: ${passwordResetUrl(app, token)}`,
        '',
        `The link works once and expires in ${PASSWORD_RESET_TTL_MINUTES} minutes. If you did not ask, ignore this mail: your password stays as it is.`,
      ].join('\n'),
    });
  });
  await app.mailer.deliver(mailId);
}

/**
 * resetPassword: uses a reset link once. The new password replaces the old
 * one, every session of the account ends, the sign-in failure count starts
 * over, and a new session opens (in the organization the account joined first).
 * A member bound by enforced single sign-on is refused (the link stays
 * unused); an owner there is let in, audited as a break-glass sign-in.
 */
export async function resetPassword(app: AppServices, origin: SessionOrigin, input: { token: string; newPassword: string }): Promise<CreatedSession> {
  const refused = () =>
    new BadUserInputError('This reset link is not valid: it was used, has expired or was replaced by a newer one. Ask for a new link.', 'token');
  if (!input.token.startsWith('rgr_') || input.token.length > 200) throw refused();
  assertPasswordPolicy(input.newPassword, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  const { created, ended, email, account, breakGlassIn } = await app.dataSource.transaction(async (tx) => {
    // Claim the link first: of two uses at once, the second finds it used.
    const claimed: { account_id: string }[] = await tx.query(
      `WITH claimed AS (
         UPDATE password_resets SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING account_id
       )
       SELECT account_id FROM claimed`,
      [hashSecret(input.token)],
    );
    const accountId = claimed[0]?.account_id;
    if (!accountId) throw refused();
    const account = await tx.findOneByOrFail(AccountEntity, { id: accountId });
    // Enforced single sign-on since the link was sent: the link stays unused, the password unchanged.
    const enforced = await enforcedSsoFor(tx, accountId, account.emailNormalized);
    if (enforced && !enforced.breakGlass) throw new ForbiddenError(SSO_ENFORCED_MESSAGE);
    await tx.update(AccountEntity, { id: accountId }, { passwordHash });
    const ended = await endSessionsOf(tx, accountId, null);
    const created = await createSession(tx, app.config, accountId, await earliestOrganizationOf(tx, accountId), origin);
    return { created, ended, email: account.emailNormalized, account, breakGlassIn: enforced?.organizationId ?? null };
  });
  if (breakGlassIn) await auditBreakGlassSignIn(app, breakGlassIn, account, 'password reset link');
  publishEnded(app, ended);
  await app.signInLimiter.forgetAccountFailures(email);
  app.logger.info({ accountId: created.session.accountId, sessionsEnded: ended.length }, 'password reset by link');
  return created;
}

/** The account's sessions that have not expired, newest first. */
export function mySessions(app: AppServices, principal: UserPrincipal): Promise<SessionEntity[]> {
  return app.dataSource
    .getRepository(SessionEntity)
    .createQueryBuilder('s')
    .where('s.accountId = :accountId AND s.expiresAt > now()', { accountId: principal.accountId })
    .orderBy('s.createdAt', 'DESC')
    .addOrderBy('s.id', 'ASC')
    .getMany();
}

/** Ends one of the caller's own sessions; another account's session is answered as missing. */
export async function endSession(app: AppServices, principal: UserPrincipal, id: string): Promise<void> {
  const sessionId = assertId(id, 'session');
  const deleted = await app.dataSource
    .createQueryBuilder()
    .delete()
    .from(SessionEntity)
    .where('id = :id AND account_id = :accountId', { id: sessionId, accountId: principal.accountId })
    .execute();
  if (!deleted.affected) throw new NotFoundError('session', id);
  publishEnded(app, [sessionId]);
}

/** Ends every session of the caller's account, the current one included. */
export async function signOutEverywhere(app: AppServices, principal: UserPrincipal): Promise<number> {
  const ended = await app.dataSource.transaction((tx) => endSessionsOf(tx, principal.accountId, null));
  publishEnded(app, ended);
  return ended.length;
}

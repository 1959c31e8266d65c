import { randomUUID } from 'node:crypto';
import type { AppServices } from '../app/appServices';
import { runCommand } from '../commands/commandScope';
import { BadUserInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import { assertId } from '../ids';
import { MembershipEntity } from '../directory/membership.entity';
import { foundOrganization } from '../directory/organizationFounding';
import { AccountEntity, normalizeEmail } from './account.entity';
import { assertDisplayName, assertEmail } from './accountInput';
import { assertPasswordPolicy, decoyPasswordHash, hashPassword, verifyPassword } from './passwords';
import type { SessionOrigin } from './sessionOrigin';
import { createSession, type CreatedSession } from './sessions';
import { SessionEntity } from './session.entity';
import type { UserPrincipal } from './principal';
import { auditBreakGlassSignIn, enforcedSsoFor, SSO_ENFORCED_MESSAGE } from './enforcedSso';

/**
 * signUp: a new account and a new organization whose first member
 * is its OWNER. Sign-ups are limited per client address (RATE_LIMITED).
 */
export async function signUp(
  app: AppServices,
  requestId: string,
  clientAddress: string,
  origin: SessionOrigin,
  input: { email: string; password: string; name: string; organizationName: string },
): Promise<CreatedSession> {
  const email = assertEmail(input.email);
  const name = assertDisplayName(input.name);
  const organizationName = assertDisplayName(input.organizationName, 'organizationName', 'an organization name');
  assertPasswordPolicy(input.password);
  await app.signInLimiter.countSignUp(clientAddress);
  const passwordHash = await hashPassword(input.password);
  const accountId = randomUUID();
  const organizationId = randomUUID();
  return runCommand(
    { dataSource: app.dataSource, events: app.events, logger: app.logger, changeLog: app.accessChangeLog },
    { actor: { type: 'USER', id: accountId, label: email }, organizationId, requestId },
    async (scope) => {
      const taken = await scope.tx.findOneBy(AccountEntity, { emailNormalized: normalizeEmail(email) });
      if (taken) throw new BadUserInputError(`An account for ${email} already exists. Sign in instead.`, 'email');
      await scope.tx.insert(AccountEntity, { id: accountId, email, emailNormalized: normalizeEmail(email), name, passwordHash });
      await foundOrganization(scope, { id: organizationId, name: organizationName }, { accountId, email });
      return createSession(scope.tx, app.config, accountId, organizationId, origin);
    },
  );
}

/**
 * signIn: checks the password (argon2id) under the per-account and
 * per-address limits — the attempt is counted before the password is
 * verified — then opens a session in the requested organization, or in the
 * one the account joined first.
 */
export async function signIn(
  app: AppServices,
  clientAddress: string,
  origin: SessionOrigin,
  input: { email: string; password: string; organizationId?: string | null },
): Promise<CreatedSession> {
  const emailKey = normalizeEmail(input.email);
  const attempt = await app.signInLimiter.beginSignIn(emailKey, clientAddress);
  const account = await app.dataSource
    .getRepository(AccountEntity)
    .createQueryBuilder('a')
    .addSelect('a.passwordHash')
    .where('a.emailNormalized = :email', { email: emailKey })
    .getOne();
  // Enforced single sign-on: refused before the password is checked, so the answer says nothing about it. Owners keep password sign-in.
  const enforced = account ? await enforcedSsoFor(app.dataSource.manager, account.id, emailKey) : null;
  if (enforced && !enforced.breakGlass) {
    throw new ForbiddenError(SSO_ENFORCED_MESSAGE);
  }
  const valid = await verifyPassword(account?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!account || !valid) throw new UnauthenticatedError('The email or password is not right.');
  await attempt.succeeded();
  if (enforced?.breakGlass) await auditBreakGlassSignIn(app, enforced.organizationId, account);
  const memberships = await app.dataSource.getRepository(MembershipEntity).find({
    where: { accountId: account.id },
    order: { joinedAt: 'ASC' },
  });
  let organizationId: string | null = memberships[0]?.organizationId ?? null;
  if (input.organizationId) {
    const wanted = assertId(input.organizationId, 'organization');
    if (!memberships.some((m) => m.organizationId === wanted)) throw new NotFoundError('organization', input.organizationId);
    organizationId = wanted;
  }
  return app.dataSource.transaction((tx) => createSession(tx, app.config, account.id, organizationId, origin));
}

/** signOut: the session ends at once; its live sockets close. */
export async function signOut(app: AppServices, principal: UserPrincipal): Promise<void> {
  await app.dataSource.getRepository(SessionEntity).delete({ id: principal.sessionId });
  app.events.publish({ type: 'sessionEnded', sessionId: principal.sessionId });
}

/** Moves a session to another organization the account belongs to. */
export async function switchOrganization(app: AppServices, principal: UserPrincipal, organizationId: string): Promise<void> {
  const id = assertId(organizationId, 'organization');
  const membership = await app.dataSource.getRepository(MembershipEntity).findOneBy({ accountId: principal.accountId, organizationId: id });
  if (!membership) throw new NotFoundError('organization', organizationId);
  await app.dataSource.getRepository(SessionEntity).update({ id: principal.sessionId }, { organizationId: id });
  app.events.publish({ type: 'sessionEnded', sessionId: principal.sessionId });
}

/**
 * createOrganization: a signed-in account founds another organization, as
 * its OWNER, and its session moves there (as switchOrganization moves it:
 * open subscriptions close and reconnect). Counted with sign-ups per client
 * address (RATE_LIMITED).
 */
export async function createOrganization(
  app: AppServices,
  requestId: string,
  clientAddress: string,
  principal: UserPrincipal,
  input: { name: string },
): Promise<string> {
  const name = assertDisplayName(input.name, 'name', 'an organization name');
  await app.signInLimiter.countNewOrganization(clientAddress);
  const account = await app.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: principal.accountId });
  const organizationId = randomUUID();
  return runCommand(
    { dataSource: app.dataSource, events: app.events, logger: app.logger, changeLog: app.accessChangeLog },
    { actor: { type: 'USER', id: account.id, label: account.email }, organizationId, requestId },
    async (scope) => {
      await foundOrganization(scope, { id: organizationId, name }, { accountId: account.id, email: account.email });
      await scope.tx.update(SessionEntity, { id: principal.sessionId }, { organizationId });
      scope.publish({ type: 'sessionEnded', sessionId: principal.sessionId });
      return organizationId;
    },
  );
}

/** Fails unless the principal may act as a user (sign-out, switching organizations). */
export function assertUser(principal: { kind: string } | null): asserts principal is UserPrincipal {
  if (!principal) throw new UnauthenticatedError();
  if (principal.kind !== 'USER') throw new ForbiddenError('This needs a signed-in person, not an API key.');
}

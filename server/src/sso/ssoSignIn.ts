import { randomUUID } from 'node:crypto';
import { TEXT_LIMITS } from '@rolegraph/shared';
import type { AppServices } from '../app/appServices';
import { runCommand, type CommandScope } from '../commands/commandScope';
import { readableLine } from '../commands/textInput';
import { AccountEntity, emailDomain, normalizeEmail } from '../auth/account.entity';
import { hashPassword } from '../auth/passwords';
import { hashSecret, newSecret } from '../auth/secretTokens';
import { createSession, type CreatedSession } from '../auth/sessions';
import type { SessionOrigin } from '../auth/sessionOrigin';
import { findMembership, insertMembership } from '../directory/membershipStore';
import { countSeatsUsed, lockOrganization } from '../directory/organizationStore';
import { OrganizationEntity } from '../directory/organization.entity';
import { SSO_CLIENT_SECRET, openStoredSecret } from '../secrets/storedSecrets';
import { discoverProvider, openIdClient } from './openIdProvider';
import { SsoConnectionEntity } from './ssoConnection.entity';
import { publishTeamMembersChanged } from '../teams/teamEvents';

/** How long a sign-in may take at the provider. */
const SIGN_IN_TTL_MINUTES = 10;

/** Why an SSO sign-in was refused; each has its own page text in the web app. */
export type SsoFailure = 'NOT_CLAIMED' | 'STATE' | 'PROVIDER' | 'TOKEN' | 'EMAIL_NOT_VERIFIED' | 'DOMAIN' | 'ACCOUNT_ELSEWHERE' | 'SEAT_LIMIT';

export class SsoSignInError extends Error {
  constructor(
    readonly reason: SsoFailure,
    message: string,
    readonly details: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function redirectUri(app: AppServices): string {
  return `${app.config.publicUrl}/auth/sso/callback`;
}

/** The connection that claims an email's domain, with its secret opened; null when no organization claims it. */
async function connectionForDomain(app: AppServices, domain: string): Promise<{ connection: SsoConnectionEntity; secret: string | null } | null> {
  const connection = await app.dataSource
    .getRepository(SsoConnectionEntity)
    .createQueryBuilder('c')
    .addSelect('c.clientSecret')
    .innerJoin('sso_domains', 'd', 'd.organization_id = c.organization_id')
    .where('d.domain = :domain', { domain })
    .getOne();
  if (!connection) return null;
  return {
    connection,
    secret: connection.clientSecret ? openStoredSecret(app.secrets, SSO_CLIENT_SECRET, connection.organizationId, connection.clientSecret) : null,
  };
}

/**
 * Starts a sign-in: the provider's authorization URL with PKCE (S256),
 * state and nonce; the state is stored hashed with the verifier and nonce,
 * for one use within ten minutes.
 */
export async function startSsoSignIn(app: AppServices, email: string): Promise<URL> {
  const usable = email.includes('@') && email.length <= 320 && !email.includes('\u0000');
  const found = usable ? await connectionForDomain(app, emailDomain(email)) : null;
  if (!found) throw new SsoSignInError('NOT_CLAIMED', 'No organization signs in with single sign-on for this email domain.');
  const client = await openIdClient();
  let config;
  try {
    config = await discoverProvider({ issuer: found.connection.issuer, clientId: found.connection.clientId, clientSecret: found.secret });
  } catch (error) {
    app.logger.warn({ err: error, organizationId: found.connection.organizationId }, 'SSO discovery failed');
    throw new SsoSignInError('PROVIDER', 'The identity provider could not be reached.');
  }
  // Sign-ins that were never completed go once they expire, so abandoned starts do not pile up.
  await app.dataSource.query(`DELETE FROM sso_sign_ins WHERE expires_at < now()`);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await app.dataSource.query(`INSERT INTO sso_sign_ins (state_hash, organization_id, code_verifier, nonce, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    hashSecret(state),
    found.connection.organizationId,
    codeVerifier,
    nonce,
    new Date(Date.now() + SIGN_IN_TTL_MINUTES * 60 * 1000),
  ]);
  return client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(app),
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    login_hint: email,
  });
}

interface VerifiedIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string;
  readonly name: string;
  readonly groups: readonly string[];
}

/** The provider's answer: the code exchanged (PKCE, state, nonce checked; the ID token validated by openid-client). */
async function verifiedIdentity(
  app: AppServices,
  callbackUrl: URL,
): Promise<{ organizationId: string; identity: VerifiedIdentity; connection: SsoConnectionEntity }> {
  const state = callbackUrl.searchParams.get('state') ?? '';
  const rows: { organization_id: string; code_verifier: string; nonce: string }[] = state
    ? await app.dataSource.query(
        `WITH used AS (DELETE FROM sso_sign_ins WHERE state_hash = $1 RETURNING organization_id, code_verifier, nonce, expires_at)
         SELECT organization_id, code_verifier, nonce FROM used WHERE expires_at > now()`,
        [hashSecret(state)],
      )
    : [];
  const pending = rows[0];
  if (!pending) throw new SsoSignInError('STATE', 'This sign-in is unknown, was used already or took too long. Start again.');
  const connection = await app.dataSource
    .getRepository(SsoConnectionEntity)
    .createQueryBuilder('c')
    .addSelect('c.clientSecret')
    .where('c.organizationId = :id', { id: pending.organization_id })
    .getOne();
  if (!connection) throw new SsoSignInError('NOT_CLAIMED', 'Single sign-on was turned off for this organization meanwhile.');
  const secret = connection.clientSecret ? openStoredSecret(app.secrets, SSO_CLIENT_SECRET, connection.organizationId, connection.clientSecret) : null;
  const client = await openIdClient();
  let claims: Record<string, unknown>;
  try {
    const config = await discoverProvider({ issuer: connection.issuer, clientId: connection.clientId, clientSecret: secret });
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    app.logger.debug({ organizationId: connection.organizationId, claimNames: Object.keys(claims) }, 'SSO ID token received');
  } catch (error) {
    app.logger.warn({ err: error, organizationId: connection.organizationId }, 'SSO callback refused');
    throw new SsoSignInError('TOKEN', 'The identity provider’s answer could not be verified.');
  }
  const email = typeof claims.email === 'string' ? claims.email.trim() : '';
  if (!email || claims.email_verified !== true) {
    throw new SsoSignInError('EMAIL_NOT_VERIFIED', 'The identity provider did not confirm that this email address is verified.');
  }
  const claimed: { organization_id: string }[] = await app.dataSource.query(`SELECT organization_id FROM sso_domains WHERE domain = $1`, [emailDomain(email)]);
  if (claimed[0]?.organization_id !== connection.organizationId) {
    throw new SsoSignInError('DOMAIN', `${emailDomain(email)} is not a domain this organization has verified.`);
  }
  const rawGroups = claims[connection.groupsClaim];
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : [];
  // The provider's name as a display name (one readable line of at most 100 characters, as anywhere), else the email.
  const name = (typeof claims.name === 'string' ? readableLine(claims.name, TEXT_LIMITS.displayName) : '') || email;
  return {
    organizationId: connection.organizationId,
    connection,
    identity: { issuer: String(claims.iss), subject: String(claims.sub), email, name, groups },
  };
}

/**
 * Completes a sign-in at the callback: the identity is linked by (issuer,
 * subject) — on first sign-in to the account with that email, or to a new
 * account — the membership is created with the default role when missing
 * (SEAT_LIMIT applies), mapped teams follow the groups claim, the sign-in is
 * audited, and a session opens exactly as for a password sign-in.
 */
export async function completeSsoSignIn(app: AppServices, callbackUrl: URL, requestId: string, origin: SessionOrigin): Promise<CreatedSession> {
  const { organizationId, identity, connection } = await verifiedIdentity(app, callbackUrl);
  const newAccountId = randomUUID();
  const passwordHash = await hashPassword(newSecret('session'));
  const linked = await app.dataSource.query(`SELECT account_id FROM sso_identities WHERE issuer = $1 AND subject = $2`, [identity.issuer, identity.subject]);
  const byEmail = await app.dataSource.getRepository(AccountEntity).findOneBy({ emailNormalized: normalizeEmail(identity.email) });
  const accountId: string = (linked[0] as { account_id: string } | undefined)?.account_id ?? byEmail?.id ?? newAccountId;
  if (linked.length === 0 && byEmail) await assertLinkable(app, byEmail.id, organizationId);
  try {
    return await runCommand(
      { dataSource: app.dataSource, events: app.events, logger: app.logger },
      { actor: { type: 'USER', id: accountId, label: identity.email }, organizationId, requestId },
      async (scope) => {
        const organization = await lockOrganization(scope.tx, organizationId);
        if (accountId === newAccountId) {
          await scope.tx.insert(AccountEntity, {
            id: accountId,
            email: identity.email,
            emailNormalized: normalizeEmail(identity.email),
            name: identity.name,
            passwordHash,
          });
        }
        const newLink = linked.length === 0;
        if (newLink) {
          await scope.tx.query(`INSERT INTO sso_identities (issuer, subject, account_id) VALUES ($1, $2, $3)`, [identity.issuer, identity.subject, accountId]);
        }
        let joined = false;
        if (!(await findMembership(scope.tx, organizationId, accountId))) {
          if ((await countSeatsUsed(scope.tx, organizationId)) + 1 > organization.seats) {
            throw new SsoSignInError('SEAT_LIMIT', 'All seats are taken.', { organization: organization.name });
          }
          await insertMembership(scope.tx, organizationId, accountId, connection.defaultRole);
          joined = true;
          await scope.audit({
            action: 'member.joined_by_sso',
            target: { type: 'MEMBER', id: accountId, label: identity.email },
            after: { role: connection.defaultRole },
          });
          scope.publish({ type: 'memberChanged', organizationId, change: 'JOINED', accountId, invitationId: null });
        }
        const teamsChanged = await alignMappedTeams(scope, organizationId, accountId, identity.email, connection, identity.groups);
        if (joined || teamsChanged)
          scope.publish({ type: 'accessChanged', organizationId, accountIds: [accountId], reason: joined ? 'JOINED' : 'TEAM_MEMBERSHIP' });
        await scope.audit({
          action: 'sso.signed_in',
          target: { type: 'MEMBER', id: accountId, label: identity.email },
          after: { issuer: identity.issuer, subject: identity.subject, newAccount: accountId === newAccountId, linked: newLink, joined },
        });
        return createSession(scope.tx, app.config, accountId, organizationId, origin);
      },
    );
  } catch (error) {
    if (error instanceof SsoSignInError && error.reason === 'SEAT_LIMIT') {
      const owners: { email: string }[] = await app.dataSource.query(
        `SELECT a.email FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE m.organization_id = $1 AND m.role = 'OWNER' ORDER BY a.email LIMIT 3`,
        [organizationId],
      );
      const organization = await app.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: organizationId });
      throw new SsoSignInError('SEAT_LIMIT', error.message, { organization: organization.name, ask: owners.map((o) => o.email).join(', ') });
    }
    throw error;
  }
}

/**
 * An existing account is linked to an identity only when it belongs to no
 * other organization: a provider speaks for its own organization, and a
 * link must never hand it an account that reaches other organizations
 * (whoever claimed the domain would sign in as that person everywhere).
 */
async function assertLinkable(app: AppServices, accountId: string, organizationId: string): Promise<void> {
  const elsewhere: { count: number }[] = await app.dataSource.query(
    `SELECT count(*)::int AS count FROM memberships WHERE account_id = $1 AND organization_id <> $2`,
    [accountId, organizationId],
  );
  if ((elsewhere[0]?.count ?? 0) > 0) {
    throw new SsoSignInError('ACCOUNT_ELSEWHERE', 'An account with this email belongs to other organizations; it cannot be linked to this provider.');
  }
}

/** Mapped teams follow the groups claim: in a mapped team exactly when the claim holds its group; unmapped teams are untouched. */
async function alignMappedTeams(
  scope: CommandScope,
  organizationId: string,
  accountId: string,
  email: string,
  connection: SsoConnectionEntity,
  groups: readonly string[],
): Promise<boolean> {
  let changed = false;
  for (const mapping of connection.teamMappings) {
    const wanted = groups.includes(mapping.group);
    const team: { name: string }[] = await scope.tx.query(`SELECT name FROM teams WHERE id = $1 AND organization_id = $2`, [mapping.teamId, organizationId]);
    if (!team[0]) continue;
    const present = (await scope.tx.query(`SELECT 1 FROM team_members WHERE team_id = $1 AND account_id = $2`, [mapping.teamId, accountId])).length > 0;
    if (wanted && !present) {
      await scope.tx.query(`INSERT INTO team_members (team_id, account_id, organization_id, role) VALUES ($1, $2, $3, 'MEMBER')`, [
        mapping.teamId,
        accountId,
        organizationId,
      ]);
      await scope.audit({
        action: 'team.member_added',
        target: { type: 'TEAM', id: mapping.teamId, label: team[0].name },
        after: { userId: accountId, email, role: 'MEMBER', by: 'SSO group' },
      });
      await publishTeamMembersChanged(scope, mapping.teamId);
      changed = true;
    } else if (!wanted && present) {
      await scope.tx.query(`DELETE FROM team_members WHERE team_id = $1 AND account_id = $2`, [mapping.teamId, accountId]);
      await scope.audit({
        action: 'team.member_removed',
        target: { type: 'TEAM', id: mapping.teamId, label: team[0].name },
        before: { userId: accountId },
        after: { by: 'SSO group' },
      });
      await publishTeamMembersChanged(scope, mapping.teamId);
      changed = true;
    }
  }
  return changed;
}

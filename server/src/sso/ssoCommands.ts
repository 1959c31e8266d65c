import { execute, type CommandContext } from '../commands/commandContext';
import { requiredLine } from '../commands/textInput';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../errors';
import { isUuid } from '../ids';
import { roleHasCapability } from '@rolegraph/shared';
import { SSO_CLIENT_SECRET, openStoredSecret, sealStoredSecret } from '../secrets/storedSecrets';
import { discoverProvider } from './openIdProvider';
import { SsoConnectionEntity, type TeamMapping } from './ssoConnection.entity';
import { isPublicEmailDomain } from './publicEmailDomains';
import { challengeRecordName, lookUpChallenge, newVerificationToken } from './domainOwnership';
import type { Tx } from '../db/database';

export interface ConfigureSsoInput {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret?: string | null;
  readonly domains: readonly string[];
  readonly defaultRole: string;
  readonly enforce: boolean;
  readonly groupsClaim?: string | null;
  readonly teamMappings?: readonly { group: string; teamId: string }[] | null;
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const MAX_DOMAINS = 50;
const MAX_MAPPINGS = 200;

/** sso.manage (Owner), checked again by the command: the schema's rule is not the only guard. */
export function assertMayManageSso(ctx: CommandContext): void {
  if (ctx.principal.kind !== 'USER' || !roleHasCapability(ctx.principal.role, 'sso.manage')) {
    throw new ForbiddenError('Single sign-on is managed by the organization’s owners.');
  }
}

function text(value: string, field: string, what: string, max = 500): string {
  return requiredLine(value, { field, what, max });
}

function issuerOf(raw: string): string {
  const issuer = text(raw, 'issuer', 'the issuer URL');
  if (!URL.canParse(issuer) || new URL(issuer).protocol !== 'https:') {
    throw new BadUserInputError('The issuer is an https:// URL, e.g. https://example.okta.com or https://login.microsoftonline.com/<tenant>/v2.0.', 'issuer');
  }
  return issuer.replace(/\/$/, '');
}

/** An email domain as typed ("@Example.com "), as stored ("example.com"); BAD_USER_INPUT at `field` for what is not one. */
function domainOf(raw: string, field: string): string {
  const domain = raw.trim().toLowerCase().replace(/^@/, '');
  if (!DOMAIN.test(domain)) throw new BadUserInputError(`"${domain.slice(0, 100)}" is not an email domain such as example.com.`, field);
  return domain;
}

/** A public email service's domain: nobody can prove it theirs. */
function publicServiceRefused(domain: string, field: string): BadUserInputError {
  return new BadUserInputError(`${domain} is a public email service: anyone may have an address there, so no organization can claim it.`, field);
}

function domainsOf(raw: readonly string[]): string[] {
  if (raw.length > MAX_DOMAINS) throw new BadUserInputError(`Claim at most ${MAX_DOMAINS} domains.`, 'domains');
  const domains = [...new Set(raw.map((d) => domainOf(d, 'domains')))];
  if (domains.length === 0) throw new BadUserInputError('Claim at least one email domain: people of that domain sign in through the provider.', 'domains');
  return domains;
}

/**
 * configureSso: saves the organization's OIDC connection after checking
 * discovery with the provider (a failure says what is wrong and saves
 * nothing). The client secret is write-only: given, it replaces the stored
 * one (sealed); left out, the stored one stays. A new domain is pending until
 * verifySsoDomain finds its DNS record; a domain another organization has
 * verified is refused.
 */
export async function configureSso(ctx: CommandContext, input: ConfigureSsoInput): Promise<SsoConnectionEntity> {
  assertMayManageSso(ctx);
  const issuer = issuerOf(input.issuer);
  const clientId = text(input.clientId, 'clientId', 'the client id');
  const domains = domainsOf(input.domains);
  // A public email service's domain cannot be newly claimed; one claimed before this rule stays until it is dropped.
  const claimed = new Set((await domainClaims(ctx.app.dataSource, ctx.organizationId)).map((c) => c.domain));
  const publicService = domains.find((domain) => isPublicEmailDomain(domain) && !claimed.has(domain));
  if (publicService) throw publicServiceRefused(publicService, 'domains');
  if (input.defaultRole !== 'USER' && input.defaultRole !== 'ADMIN') {
    throw new BadUserInputError('People who arrive by single sign-on get User or Admin, never Owner.', 'defaultRole');
  }
  const defaultRole = input.defaultRole;
  const groupsClaim =
    input.groupsClaim === undefined || input.groupsClaim === null ? 'groups' : text(input.groupsClaim, 'groupsClaim', 'the groups claim', 100);
  const mappings: TeamMapping[] = (input.teamMappings ?? []).map((m) => ({
    group: text(m.group, 'teamMappings', 'a group', 200),
    teamId: m.teamId.toLowerCase(),
  }));
  if (mappings.length > MAX_MAPPINGS) throw new BadUserInputError(`Map at most ${MAX_MAPPINGS} groups.`, 'teamMappings');
  const newSecret =
    input.clientSecret === undefined || input.clientSecret === null || input.clientSecret === ''
      ? null
      : text(input.clientSecret, 'clientSecret', 'the client secret', 2000);

  const existing = await ctx.app.dataSource
    .getRepository(SsoConnectionEntity)
    .createQueryBuilder('c')
    .addSelect('c.clientSecret')
    .where('c.organizationId = :id', { id: ctx.organizationId })
    .getOne();
  const secret = newSecret ?? (existing?.clientSecret ? openStoredSecret(ctx.app.secrets, SSO_CLIENT_SECRET, ctx.organizationId, existing.clientSecret) : null);
  if (!secret) throw new BadUserInputError('Enter the client secret the provider gave for this application.', 'clientSecret');
  try {
    await discoverProvider({ issuer, clientId, clientSecret: secret }, { fresh: true });
  } catch (error) {
    throw new BadUserInputError(
      `Discovery failed at ${issuer}/.well-known/openid-configuration: ${(error as Error).message.slice(0, 200)}. Check the issuer URL.`,
      'issuer',
    );
  }

  return execute(ctx, async (scope) => {
    for (const mapping of mappings) {
      const found = isUuid(mapping.teamId)
        ? await scope.tx.query(`SELECT 1 FROM teams WHERE id = $1 AND organization_id = $2`, [mapping.teamId, ctx.organizationId])
        : [];
      if (found.length === 0) throw new NotFoundError('team', mapping.teamId);
    }
    // Several organizations may have a domain pending; the one that proves it with DNS holds it, and then nobody else may claim it.
    const taken: { domain: string }[] = await scope.tx.query(`SELECT domain FROM sso_domains WHERE domain = ANY($1::text[]) AND organization_id <> $2`, [
      domains,
      ctx.organizationId,
    ]);
    if (taken.length) throw new BadUserInputError(`Already verified by another organization: ${taken.map((t) => t.domain).join(', ')}.`, 'domains');
    await scope.tx.upsert(
      SsoConnectionEntity,
      {
        organizationId: ctx.organizationId,
        issuer,
        clientId,
        ...(newSecret ? { clientSecret: sealStoredSecret(ctx.app.secrets, SSO_CLIENT_SECRET, ctx.organizationId, newSecret) } : {}),
        defaultRole,
        enforce: input.enforce,
        groupsClaim,
        teamMappings: mappings,
        updatedAt: new Date(),
      },
      ['organizationId'],
    );
    // A domain kept keeps its token and its verification; a new one is a pending claim (sso_domain_claims), with a token of its own.
    for (const table of ['sso_domains', 'sso_domain_claims']) {
      await scope.tx.query(`DELETE FROM ${table} WHERE organization_id = $1 AND NOT (domain = ANY($2::text[]))`, [ctx.organizationId, domains]);
    }
    for (const domain of domains) {
      await scope.tx.query(
        `INSERT INTO sso_domain_claims (domain, organization_id, verification_token)
         SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM sso_domains WHERE domain = $1 AND organization_id = $2)
         ON CONFLICT (organization_id, domain) DO NOTHING`,
        [domain, ctx.organizationId, newVerificationToken()],
      );
    }
    await scope.audit({
      action: 'sso.configured',
      target: { type: 'ORGANIZATION', id: ctx.organizationId },
      before: existing
        ? {
            issuer: existing.issuer,
            clientId: existing.clientId,
            defaultRole: existing.defaultRole,
            enforce: existing.enforce,
            teamMappings: existing.teamMappings,
          }
        : null,
      after: { issuer, clientId, domains, defaultRole, enforce: input.enforce, groupsClaim, teamMappings: mappings, clientSecretChanged: newSecret !== null },
    });
    return scope.tx.findOneByOrFail(SsoConnectionEntity, { organizationId: ctx.organizationId });
  });
}

/** removeSso: the connection and its claimed domains go; linked identities stay for a later connection. */
export async function removeSso(ctx: CommandContext): Promise<boolean> {
  assertMayManageSso(ctx);
  return execute(ctx, async (scope) => {
    const existing = await scope.tx.findOneBy(SsoConnectionEntity, { organizationId: ctx.organizationId });
    if (!existing) return false;
    await scope.tx.delete(SsoConnectionEntity, { organizationId: ctx.organizationId });
    await scope.audit({
      action: 'sso.removed',
      target: { type: 'ORGANIZATION', id: ctx.organizationId },
      before: { issuer: existing.issuer, clientId: existing.clientId },
    });
    return true;
  });
}

/** A domain an organization claims: pending until its DNS record is found, then verified. */
export interface DomainClaim {
  readonly domain: string;
  readonly verificationToken: string;
  readonly verifiedAt: Date | null;
}

/** The organization's claimed domains, verified (sso_domains) or pending (sso_domain_claims), by name. */
export async function domainClaims(db: Pick<Tx, 'query'>, organizationId: string): Promise<DomainClaim[]> {
  const rows: { domain: string; verification_token: string; verified_at: Date | null }[] = await db.query(
    `SELECT domain, verification_token, verified_at FROM sso_domains WHERE organization_id = $1
     UNION ALL
     SELECT domain, verification_token, NULL FROM sso_domain_claims WHERE organization_id = $1
     ORDER BY domain`,
    [organizationId],
  );
  return rows.map((r) => ({ domain: r.domain, verificationToken: r.verification_token, verifiedAt: r.verified_at }));
}

/**
 * verifySsoDomain: looks for the claim's TXT record in DNS and, found, marks
 * the domain verified: from then on it sends its people to the provider,
 * enforcement binds them and SCIM may take over its accounts. Not found,
 * BAD_USER_INPUT says what DNS answered and nothing changes. A domain one
 * organization has verified cannot be verified by another.
 */
export async function verifySsoDomain(ctx: CommandContext, rawDomain: string): Promise<DomainClaim> {
  assertMayManageSso(ctx);
  const domain = domainOf(rawDomain, 'domain');
  const claim = (await domainClaims(ctx.app.dataSource, ctx.organizationId)).find((c) => c.domain === domain);
  if (!claim) throw new NotFoundError('claimed domain', domain);
  if (claim.verifiedAt) return claim;
  // One claimed before public services were refused stays pending: no record can prove it.
  if (isPublicEmailDomain(domain)) throw publicServiceRefused(domain, 'domain');
  await ctx.app.signInLimiter.countDomainLookup(ctx.organizationId);
  const lookup = await lookUpChallenge(ctx.app.config.dnsServers, domain, claim.verificationToken);
  if (!lookup.found) throw new BadUserInputError(lookup.problem, 'domain');
  return execute(ctx, async (scope) => {
    const elsewhere: unknown[] = await scope.tx.query(`SELECT 1 FROM sso_domains WHERE domain = $1 AND organization_id <> $2`, [domain, ctx.organizationId]);
    if (elsewhere.length) throw new BadUserInputError(`${domain} is already verified by another organization.`, 'domain');
    // The claim moves to the verified domains. Another organization verifying it at the same instant breaks the
    // primary key: the command runs again, and the check above answers.
    const verifiedNow: { verified_at: Date }[] = await scope.tx.query(
      `WITH claimed AS (
         DELETE FROM sso_domain_claims WHERE organization_id = $1 AND domain = $2 AND verification_token = $3
         RETURNING organization_id, domain, verification_token, created_at
       )
       INSERT INTO sso_domains (organization_id, domain, verification_token, created_at)
         SELECT organization_id, domain, verification_token, created_at FROM claimed
       RETURNING verified_at`,
      [ctx.organizationId, domain, claim.verificationToken],
    );
    const row = verifiedNow[0];
    if (!row) {
      // Verified by a look-up that ran at the same time (the same answer, one audit entry), or dropped from the
      // connection (or claimed anew, with a new token) while DNS was asked.
      const [already]: { verified_at: Date }[] = await scope.tx.query(
        `SELECT verified_at FROM sso_domains WHERE organization_id = $1 AND domain = $2 AND verification_token = $3`,
        [ctx.organizationId, domain, claim.verificationToken],
      );
      if (!already) throw new NotFoundError('claimed domain', domain);
      return { ...claim, verifiedAt: already.verified_at };
    }
    await scope.audit({
      action: 'sso.domain_verified',
      target: { type: 'ORGANIZATION', id: ctx.organizationId },
      after: { domain, record: challengeRecordName(domain) },
    });
    return { ...claim, verifiedAt: row.verified_at };
  });
}

import type { DataSource } from 'typeorm';

/**
 * Single sign-on domain states written straight to the database, for tests
 * that need a claim without a live provider (configureSso checks discovery)
 * or a DNS record (sso.test.ts goes the API's way, with both).
 */

/** What configureSso writes for a newly claimed domain: a pending claim with its token. */
export async function claimDomainDirectly(db: Pick<DataSource, 'query'>, organizationId: string, domain: string, token = 'pending'): Promise<void> {
  await db.query(`INSERT INTO sso_domain_claims (domain, organization_id, verification_token) VALUES ($1, $2, $3)`, [domain, organizationId, token]);
}

/** What verifySsoDomain writes once it finds the DNS record: the organization's pending claims become verified domains. */
export async function verifyClaimsDirectly(db: Pick<DataSource, 'query'>, organizationId: string): Promise<void> {
  await db.query(
    `WITH claimed AS (DELETE FROM sso_domain_claims WHERE organization_id = $1 RETURNING organization_id, domain, verification_token)
     INSERT INTO sso_domains (organization_id, domain, verification_token) SELECT organization_id, domain, verification_token FROM claimed`,
    [organizationId],
  );
}

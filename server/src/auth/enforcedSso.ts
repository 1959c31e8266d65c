import { randomUUID } from 'node:crypto';
import type { AppServices } from '../app/appServices';
import { runCommand } from '../commands/commandScope';
import type { Tx } from '../db/database';
import { emailDomain, type AccountEntity } from './account.entity';

/** What a member bound by enforced single sign-on is told wherever a password would let them in. */
export const SSO_ENFORCED_MESSAGE = 'Your organization signs in with single sign-on: use "Continue with single sign-on" on the sign-in page.';

/**
 * Whether a password sign-in meets enforced single sign-on: the email's
 * domain is claimed by an organization that enforces it and the account is a
 * member there (a claim binds that organization's members only: claiming a
 * domain never locks out anyone else). Its owners keep password sign-in
 * (break-glass), audited in that organization. Asked through `db`: the
 * data source, or the transaction the caller is in.
 */
export async function enforcedSsoFor(db: Tx, accountId: string, email: string): Promise<{ organizationId: string; breakGlass: boolean } | null> {
  const rows: { organization_id: string; role: string }[] = await db.query(
    `SELECT c.organization_id, m.role
       FROM sso_domains d
       JOIN sso_connections c ON c.organization_id = d.organization_id AND c.enforce
       JOIN memberships m ON m.organization_id = c.organization_id AND m.account_id = $2
      WHERE d.domain = $1`,
    [emailDomain(email), accountId],
  );
  const row = rows[0];
  return row ? { organizationId: row.organization_id, breakGlass: row.role === 'OWNER' } : null;
}

/** An owner's password sign-in (or a reset link's) where single sign-on is enforced: audited in that organization. */
export async function auditBreakGlassSignIn(
  app: AppServices,
  organizationId: string,
  account: Pick<AccountEntity, 'id' | 'email'>,
  method: 'password' | 'password reset link' = 'password',
): Promise<void> {
  await runCommand(
    { dataSource: app.dataSource, events: app.events, logger: app.logger },
    { actor: { type: 'USER', id: account.id, label: account.email }, organizationId, requestId: randomUUID() },
    (scope) =>
      scope.audit({
        action: 'sso.break_glass_sign_in',
        target: { type: 'MEMBER', id: account.id, label: account.email },
        after: { method, enforced: true },
      }),
  );
}

import type { Tx } from '../db/database';
import type { CommandContext } from '../commands/commandContext';
import { runCommand } from '../commands/commandScope';
import { appendAuditEntry } from '../audit/auditLog';
import { SessionEntity } from '../auth/session.entity';
import { BadUserInputError, ForbiddenError } from '../errors';
import { earliestOrganizationOf, findMembership } from './membershipStore';
import { OrganizationEntity } from './organization.entity';
import { lockOrganization, PENDING_INVITATION } from './organizationStore';
import { deleteOrganizationLog } from '../changeStream/accessChangeLog';

/** What deleting an organization takes with it, counted: the confirmation shows it, the audit entry keeps it. */
export interface OrganizationFootprint {
  readonly members: number;
  readonly teams: number;
  readonly resources: number;
  readonly grants: number;
  readonly pendingInvitations: number;
  readonly apiKeys: number;
}

export async function organizationFootprint(tx: Tx, organizationId: string): Promise<OrganizationFootprint> {
  const rows: Record<keyof OrganizationFootprint, string>[] = await tx.query(
    `SELECT (SELECT count(*) FROM memberships WHERE organization_id = $1)::text AS members,
            (SELECT count(*) FROM teams WHERE organization_id = $1)::text AS teams,
            (SELECT count(*) FROM resources WHERE organization_id = $1)::text AS resources,
            (SELECT count(*) FROM grants WHERE organization_id = $1)::text AS grants,
            (SELECT count(*) FROM invitations WHERE organization_id = $1 AND ${PENDING_INVITATION})::text AS "pendingInvitations",
            (SELECT count(*) FROM api_keys WHERE organization_id = $1 AND revoked_at IS NULL)::text AS "apiKeys"`,
    [organizationId],
  );
  const row = rows[0]!;
  return {
    members: Number(row.members),
    teams: Number(row.teams),
    resources: Number(row.resources),
    grants: Number(row.grants),
    pendingInvitations: Number(row.pendingInvitations),
    apiKeys: Number(row.apiKeys),
  };
}

/**
 * deleteOrganization: an Owner ends the organization for good, confirming
 * with its exact name. In one transaction, under the organization's lock:
 * the organization row goes and its members, teams, resources, grants,
 * invitations, API keys, settings, SSO and SCIM records go with it (the
 * tables cascade), and so does its access change log (deleted first); every
 * session acting in it is left in no organization, except the deleter's,
 * which moves to their earliest other organization.
 * The audit log stays (append-only), ending with `organization.deleted` and
 * the counts of what went. After commit every instance closes the
 * organization's sockets and forgets its snapshot and credentials.
 * Returns the organization the deleter's session now acts in, if any.
 */
export async function deleteOrganization(ctx: CommandContext, sessionId: string, input: { name: string }): Promise<string | null> {
  const principal = ctx.principal;
  if (principal.kind !== 'USER') throw new ForbiddenError('This needs a signed-in person, not an API key.');
  const typed = typeof input.name === 'string' ? input.name.trim() : '';
  // No access change log: the organization's log goes with it, and nobody is left to read one.
  const { next, footprint } = await runCommand(
    { dataSource: ctx.app.dataSource, events: ctx.app.events, logger: ctx.app.logger },
    { actor: ctx.actor, organizationId: ctx.organizationId, requestId: ctx.requestId },
    async (scope) => {
      const organization = await lockOrganization(scope.tx, ctx.organizationId);
      const membership = await findMembership(scope.tx, ctx.organizationId, principal.accountId);
      if (membership?.role !== 'OWNER') throw new ForbiddenError('Only an Owner of this organization can delete it.');
      if (typed !== organization.name)
        throw new BadUserInputError(`Type the organization’s name, ${organization.name}, exactly as shown to delete it.`, 'name');
      const footprint = await organizationFootprint(scope.tx, ctx.organizationId);
      await appendAuditEntry(scope.tx, scope, {
        action: 'organization.deleted',
        target: { type: 'ORGANIZATION', id: organization.id, label: organization.name },
        before: { ...footprint },
        after: null,
      });
      await deleteOrganizationLog(scope.tx, organization.id);
      await scope.tx.delete(OrganizationEntity, { id: organization.id });
      const next = await earliestOrganizationOf(scope.tx, principal.accountId);
      await scope.tx.update(SessionEntity, { id: sessionId }, { organizationId: next });
      scope.publish({ type: 'organizationDeleted', organizationId: organization.id });
      scope.publish({ type: 'sessionEnded', sessionId });
      return { next, footprint };
    },
  );
  // The counts by name, each its own field; `apiKeys` would read as a secret to the log's redaction.
  const { apiKeys, ...counts } = footprint;
  ctx.app.logger.info({ organizationId: ctx.organizationId, by: principal.accountId, ...counts, apiKeyCount: apiKeys }, 'organization deleted');
  return next;
}

import type { CommandScope } from '../commands/commandScope';
import type { TeamChange } from '../live/liveEvents';
import { GrantEntity } from '../resources/grant.entity';
import { resourcesReachedFrom } from '../resources/reachStore';

/**
 * Tells those following the directory (`directoryChanged`: every member, and
 * API keys with directory: READ) that a team changed, once the command
 * commits. Every command that creates, renames or deletes a team, or changes
 * its members or grants, calls it: team, grant and member commands, the grant
 * expiry sweep, resource deletion and the SSO group sync.
 */
export function publishTeamChanged(scope: CommandScope, teamId: string, change: TeamChange): void {
  scope.publish({ type: 'teamChanged', organizationId: scope.organizationId, teamId, change });
}

/** The team's members changed: its page follows, and its grants' resources, and what they reach, now have different members behind them. */
export async function publishTeamMembersChanged(scope: CommandScope, teamId: string): Promise<void> {
  publishTeamChanged(scope, teamId, 'MEMBERS_CHANGED');
  const grants = await scope.tx.find(GrantEntity, { where: { subjectTeamId: teamId }, select: { resourceId: true } });
  if (grants.length === 0) return;
  const reached = await resourcesReachedFrom(
    scope.tx,
    grants.map((g) => g.resourceId),
  );
  scope.publish({ type: 'resourceAccessChanged', organizationId: scope.organizationId, resourceIds: reached });
}

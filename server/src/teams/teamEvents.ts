import type { CommandScope } from '../commands/commandScope';
import type { TeamChange } from '../live/liveEvents';

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

import type { OrgRole } from '@rolegraph/shared';
import { changeMemberRolePolicy, removeMemberPolicy } from '../directory/memberPolicy';
import { manageTeamPolicy } from '../teams/teamPolicy';
import {
  grantAccessPolicy,
  revokeGrantPolicy,
  revokeGrantRequest,
  deleteResourcePolicy,
  transferOwnershipPolicy,
  updateResourcePolicy,
  updateResourceRequest,
  type RevokeGrantRequest,
  type UpdateResourceRequest,
} from '../resources/resourcePolicy';
import { checkPolicy, definePolicy } from '../policies/policy';
import { ALLOW, deny } from '../policies/verdict';
import { BadUserInputError } from '../errors';

/**
 * A preview is authorized exactly as the mutation it previews: you may
 * preview only what you may do. Each kind names the mutation's own policy
 * and the input that policy takes. Previews are for people deciding (API
 * keys are refused).
 */
export type PreviewRequest =
  | { readonly kind: 'changeMemberRole'; readonly input: { userId: string; role: OrgRole } }
  | { readonly kind: 'removeMember'; readonly input: { userId: string } }
  | { readonly kind: 'teamMember'; readonly input: { teamId: string } }
  | { readonly kind: 'grantAccess'; readonly input: { resourceId: string } }
  | { readonly kind: 'revokeAccess'; readonly input: RevokeGrantRequest }
  | { readonly kind: 'updateResource'; readonly input: UpdateResourceRequest }
  | { readonly kind: 'transferOwnership'; readonly input: { resourceId: string } }
  | { readonly kind: 'deleteTeam'; readonly input: { teamId: string } }
  | { readonly kind: 'deleteResource'; readonly input: { id: string } }
  /** Not exactly one change: the resolver answers BAD_USER_INPUT. */
  | { readonly kind: 'none' };

/** The fields of the preview's input, as the GraphQL input or a plain object gives them. */
export interface ChangeFields {
  changeMemberRole?: { userId: string; role: OrgRole } | null;
  removeMember?: { userId: string } | null;
  addTeamMember?: { teamId: string } | null;
  removeTeamMember?: { teamId: string } | null;
  grantAccess?: { resourceId: string } | null;
  revokeAccess?: { resourceId: string; subject: { userId?: string | null; teamId?: string | null } } | null;
  updateResource?: Parameters<typeof updateResourceRequest>[0] | null;
  transferOwnership?: { resourceId: string } | null;
  /** deleteTeam's and deleteResource's own argument: an id. */
  deleteTeam?: string | null;
  deleteResource?: string | null;
}

/** Which mutation a change input previews, with the input its policy takes. */
export function previewRequestOf(change: ChangeFields | null | undefined): PreviewRequest {
  const given = Object.entries(change ?? {}).filter(([, value]) => value !== null && value !== undefined);
  if (given.length !== 1 || !change) return { kind: 'none' };
  if (change.changeMemberRole) return { kind: 'changeMemberRole', input: { userId: change.changeMemberRole.userId, role: change.changeMemberRole.role } };
  if (change.removeMember) return { kind: 'removeMember', input: { userId: change.removeMember.userId } };
  if (change.addTeamMember) return { kind: 'teamMember', input: { teamId: change.addTeamMember.teamId } };
  if (change.removeTeamMember) return { kind: 'teamMember', input: { teamId: change.removeTeamMember.teamId } };
  if (change.grantAccess) return { kind: 'grantAccess', input: { resourceId: change.grantAccess.resourceId } };
  if (change.revokeAccess) return { kind: 'revokeAccess', input: revokeGrantRequest(change.revokeAccess) };
  if (change.updateResource) return { kind: 'updateResource', input: updateResourceRequest(change.updateResource) };
  if (change.transferOwnership) return { kind: 'transferOwnership', input: { resourceId: change.transferOwnership.resourceId } };
  if (typeof change.deleteTeam === 'string') return { kind: 'deleteTeam', input: { teamId: change.deleteTeam } };
  if (typeof change.deleteResource === 'string') return { kind: 'deleteResource', input: { id: change.deleteResource } };
  return { kind: 'none' };
}

export const previewChangePolicy = definePolicy<PreviewRequest>({
  name: 'change.preview',
  rule: 'the policy of the mutation previewed: member.changeRole, member.remove, team.manage, resource.grantAccess, resource.revokeGrant, resource.update, resource.transferOwnership or resource.delete',
  apiKey: undefined,
  decide(caller, request) {
    switch (request.kind) {
      case 'changeMemberRole':
        return checkPolicy(caller.access, changeMemberRolePolicy, request.input);
      case 'removeMember':
        return checkPolicy(caller.access, removeMemberPolicy, request.input);
      case 'teamMember':
      case 'deleteTeam':
        return checkPolicy(caller.access, manageTeamPolicy, request.input);
      case 'grantAccess':
        return checkPolicy(caller.access, grantAccessPolicy, request.input);
      case 'revokeAccess':
        return checkPolicy(caller.access, revokeGrantPolicy, request.input);
      case 'updateResource':
        return checkPolicy(caller.access, updateResourcePolicy, request.input);
      case 'transferOwnership':
        return checkPolicy(caller.access, transferOwnershipPolicy, request.input);
      case 'deleteResource':
        return checkPolicy(caller.access, deleteResourcePolicy, request.input);
      case 'none':
        return ALLOW;
    }
  },
});

/** Most changes previewed together: a share dialog's Save is a handful. */
export const MAX_PREVIEW_CHANGES = 50;

/** Several changes previewed together: each authorized exactly as its own mutation, the first refusal answering. */
export const previewChangesPolicy = definePolicy<readonly PreviewRequest[]>({
  name: 'changes.preview',
  rule: 'change.preview for every change',
  apiKey: undefined,
  async decide(caller, requests) {
    // Refused before any change is weighed: the list's length is the caller's to fix.
    if (requests.length > MAX_PREVIEW_CHANGES) return deny(new BadUserInputError(`Preview at most ${MAX_PREVIEW_CHANGES} changes at once.`, 'changes'));
    for (const request of requests) {
      const verdict = await checkPolicy(caller.access, previewChangePolicy, request);
      if (!verdict.allowed) return verdict;
    }
    return ALLOW;
  },
});

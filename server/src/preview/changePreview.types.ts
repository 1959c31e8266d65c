import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { EffectiveLevel, ResourceType } from '@rolegraph/shared';
import { AccessLevelEnum, ResourceTypeEnum } from '../graphql/enums';
import { ChangeMemberRoleInput, RemoveMemberInput } from '../directory/directory.types';
import { AddTeamMemberInput, RemoveTeamMemberInput } from '../teams/team.types';
import { GrantAccessInput, RevokeAccessInput, TransferOwnershipInput, UpdateResourceInput } from '../resources/resource.types';

@InputType({
  description:
    'A change to preview: exactly one field, holding the same input as the mutation it previews (e.g. `grantAccess: {resourceId, subject, level, expiresAt}`).',
})
export class ChangeInput {
  @Field(() => ChangeMemberRoleInput, { nullable: true, description: 'As changeMemberRole.' })
  changeMemberRole?: ChangeMemberRoleInput | null;

  @Field(() => RemoveMemberInput, { nullable: true, description: 'As removeMember.' })
  removeMember?: RemoveMemberInput | null;

  @Field(() => AddTeamMemberInput, { nullable: true, description: 'As addTeamMember.' })
  addTeamMember?: AddTeamMemberInput | null;

  @Field(() => RemoveTeamMemberInput, { nullable: true, description: 'As removeTeamMember.' })
  removeTeamMember?: RemoveTeamMemberInput | null;

  @Field(() => GrantAccessInput, { nullable: true, description: 'As grantAccess: a new grant, a level change or a new end date.' })
  grantAccess?: GrantAccessInput | null;

  @Field(() => RevokeAccessInput, { nullable: true, description: 'As revokeAccess.' })
  revokeAccess?: RevokeAccessInput | null;

  @Field(() => UpdateResourceInput, { nullable: true, description: 'As updateResource; only a status or visibility change moves access.' })
  updateResource?: UpdateResourceInput | null;

  @Field(() => TransferOwnershipInput, { nullable: true, description: 'As transferOwnership.' })
  transferOwnership?: TransferOwnershipInput | null;

  @Field(() => ID, { nullable: true, description: 'As deleteTeam: the team’s id. Its members lose what its grants gave them.' })
  deleteTeam?: string | null;

  @Field(() => ID, { nullable: true, description: 'As deleteResource: the resource’s id. It goes with its descendants (a project’s assistants).' })
  deleteResource?: string | null;
}

@ObjectType({ description: 'One resource whose effective level a change would move for one person.' })
export class PreviewedLevelChange {
  @Field(() => ResourceTypeEnum, { description: 'Its type.' })
  resourceType: ResourceType;

  @Field(() => AccessLevelEnum, { description: 'The level now.' })
  before: EffectiveLevel;

  @Field(() => AccessLevelEnum, { description: 'The level after the change.' })
  after: EffectiveLevel;

  @Field({ description: 'Whether the level goes up (false: down).' })
  gain: boolean;

  /** The resource; presented only when the viewer may read it. */
  resourceId: string;
}

@ObjectType({ description: 'What a change would do to one person’s access (or to everyone’s, for a public assistant).' })
export class PreviewedUserChanges {
  @Field(() => ID, { nullable: true, description: 'The person; null for “everyone” (a public assistant’s anonymous visitors).' })
  userId: string | null;

  @Field(() => Int, { description: 'Resources whose level would go up.' })
  gains: number;

  @Field(() => Int, { description: 'Resources whose level would go down (to NONE: lose access).' })
  losses: number;

  @Field(() => Int, { description: 'Resources they would lose access to entirely (level NONE after).' })
  lostAccess: number;

  @Field(() => [PreviewedLevelChange], { description: 'The first items (itemsPerUser), losses first, then by resource name.' })
  changes: PreviewedLevelChange[];

  @Field({ description: 'Whether more items exist than `changes` lists.' })
  hasMore: boolean;
}

@ObjectType({ description: 'What a change would do, computed by the evaluator on the current access graph with the change laid over it; nothing is written.' })
export class ChangePreview {
  @Field(() => Int, { description: 'People (and “everyone”) whose access would move.' })
  affectedUsers: number;

  @Field(() => Int, { description: 'Levels that would go up, across everyone.' })
  totalGains: number;

  @Field(() => Int, { description: 'Levels that would go down, across everyone.' })
  totalLosses: number;

  @Field(() => [PreviewedUserChanges], { description: 'Per person, most affected first; at most 100 people.' })
  users: PreviewedUserChanges[];

  @Field({ description: 'Whether more people are affected than `users` lists.' })
  hasMoreUsers: boolean;
}

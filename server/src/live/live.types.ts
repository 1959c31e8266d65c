import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { MemberChange, TeamChange } from './liveEvents';

export const MemberChangeEnum = {
  INVITED: 'INVITED',
  INVITATION_REVOKED: 'INVITATION_REVOKED',
  JOINED: 'JOINED',
  ROLE_CHANGED: 'ROLE_CHANGED',
  REMOVED: 'REMOVED',
  LEFT: 'LEFT',
} as const satisfies Record<MemberChange, MemberChange>;
registerEnumType(MemberChangeEnum, { name: 'MemberChange', description: 'What happened to a member or an invitation.' });

export const TeamChangeEnum = {
  CREATED: 'CREATED',
  UPDATED: 'UPDATED',
  DELETED: 'DELETED',
  MEMBERS_CHANGED: 'MEMBERS_CHANGED',
  GRANTS_CHANGED: 'GRANTS_CHANGED',
} as const satisfies Record<TeamChange, TeamChange>;
registerEnumType(TeamChangeEnum, {
  name: 'TeamChange',
  description: 'What happened to a team: created, renamed or described anew (UPDATED), deleted, its members or their team roles, or its grants.',
});

@ObjectType({ description: 'Something that may have changed your effective access happened: refetch what you show.' })
export class AccessChange {
  @Field({
    description:
      'Why: ROLE_CHANGED, GRANT_CHANGED, GRANT_REVOKED, TEAM_MEMBERSHIP, TEAM_DELETED, OWNERSHIP_TRANSFERRED, RESOURCE_CREATED, RESOURCE_STATUS_CHANGED, RESOURCE_DELETED, JOINED or MEMBER_REMOVED.',
  })
  reason: string;

  @Field({ description: 'The organization’s access revision the change is included in; queries answer at this revision or later.' })
  revision: string;
}

@ObjectType({ description: 'A member joined, changed role, left or was removed; or (for those who manage members) an invitation was sent or revoked.' })
export class MemberChangeEvent {
  @Field(() => MemberChangeEnum, { description: 'What happened.' })
  change: MemberChange;

  @Field(() => ID, { nullable: true, description: 'The member concerned, when there is one.' })
  userId: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The invitation concerned, for INVITED, INVITATION_REVOKED and JOINED; null for those who do not manage members.',
  })
  invitationId: string | null;
}

@ObjectType({ description: 'A team was created, changed or deleted, or its members or grants changed.' })
export class TeamChangeEvent {
  @Field(() => TeamChangeEnum, { description: 'What happened.' })
  change: TeamChange;

  @Field(() => ID, { description: 'The team concerned.' })
  teamId: string;
}

@ObjectType({ description: 'Who has access to a resource changed: its grants, owner or inherited access.' })
export class ResourceAccessChange {
  @Field(() => ID, { description: 'The resource.' })
  resourceId: string;

  @Field({ description: 'The access revision the change is included in.' })
  revision: string;
}

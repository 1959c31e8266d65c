import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { LiveEvent, MemberChange } from './liveEvents';

export const MemberChangeEnum = {
  INVITED: 'INVITED',
  INVITATION_REVOKED: 'INVITATION_REVOKED',
  JOINED: 'JOINED',
  ROLE_CHANGED: 'ROLE_CHANGED',
  REMOVED: 'REMOVED',
  LEFT: 'LEFT',
} as const satisfies Record<MemberChange, MemberChange>;
registerEnumType(MemberChangeEnum, { name: 'MemberChange', description: 'What happened to a member or an invitation.' });

export type DirectoryChangeKind =
  | 'MEMBER_JOINED'
  | 'MEMBER_ROLE_CHANGED'
  | 'MEMBER_REMOVED'
  | 'MEMBER_LEFT'
  | 'TEAM_CREATED'
  | 'TEAM_UPDATED'
  | 'TEAM_DELETED'
  | 'TEAM_MEMBERS_CHANGED'
  | 'TEAM_GRANTS_CHANGED'
  | 'IMPORTED';

export const DirectoryChangeEnum = {
  MEMBER_JOINED: 'MEMBER_JOINED',
  MEMBER_ROLE_CHANGED: 'MEMBER_ROLE_CHANGED',
  MEMBER_REMOVED: 'MEMBER_REMOVED',
  MEMBER_LEFT: 'MEMBER_LEFT',
  TEAM_CREATED: 'TEAM_CREATED',
  TEAM_UPDATED: 'TEAM_UPDATED',
  TEAM_DELETED: 'TEAM_DELETED',
  TEAM_MEMBERS_CHANGED: 'TEAM_MEMBERS_CHANGED',
  TEAM_GRANTS_CHANGED: 'TEAM_GRANTS_CHANGED',
  IMPORTED: 'IMPORTED',
} as const satisfies Record<DirectoryChangeKind, DirectoryChangeKind>;
registerEnumType(DirectoryChangeEnum, {
  name: 'DirectoryChangeKind',
  description:
    'What changed in the directory every member reads: a member joined, changed role, was removed or left; a team was created, renamed or described anew (TEAM_UPDATED), deleted, or its members (or their team roles) or grants changed; or a bulk import added many at once (IMPORTED: read the lists again).',
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

@ObjectType({ description: 'A member joined, changed role, left or was removed; or an invitation was sent or revoked.' })
export class MemberChangeEvent {
  @Field(() => MemberChangeEnum, { description: 'What happened.' })
  change: MemberChange;

  @Field(() => ID, { nullable: true, description: 'The member concerned, when there is one.' })
  userId: string | null;

  @Field(() => ID, { nullable: true, description: 'The invitation concerned, for INVITED, INVITATION_REVOKED and JOINED.' })
  invitationId: string | null;
}

@ObjectType({ description: 'The organization’s directory (its members and teams) changed: what every member’s Members and Teams pages show.' })
export class DirectoryChange {
  @Field(() => DirectoryChangeEnum, { description: 'What happened.' })
  change: DirectoryChangeKind;

  @Field(() => ID, { nullable: true, description: 'The member concerned, for MEMBER_ changes.' })
  userId: string | null;

  @Field(() => ID, { nullable: true, description: 'The team concerned, for TEAM_ changes.' })
  teamId: string | null;
}

const MEMBER_DIRECTORY_CHANGES: Readonly<Record<MemberChange, DirectoryChangeKind | null>> = {
  JOINED: 'MEMBER_JOINED',
  ROLE_CHANGED: 'MEMBER_ROLE_CHANGED',
  REMOVED: 'MEMBER_REMOVED',
  LEFT: 'MEMBER_LEFT',
  // Invitations are for those who manage members (memberChanged).
  INVITED: null,
  INVITATION_REVOKED: null,
};

/** The directory change a committed event is, as every member hears it; null when it is none (or an invitation). */
export function directoryChangeOf(event: LiveEvent): DirectoryChange | null {
  if (event.type === 'teamChanged') return { change: `TEAM_${event.change}`, userId: null, teamId: event.teamId };
  if (event.type === 'directoryImported') return { change: 'IMPORTED', userId: null, teamId: null };
  if (event.type !== 'memberChanged') return null;
  const change = MEMBER_DIRECTORY_CHANGES[event.change];
  return change ? { change, userId: event.accountId, teamId: null } : null;
}

@ObjectType({ description: 'Who has access to a resource changed: its grants, owner or inherited access.' })
export class ResourceAccessChange {
  @Field(() => ID, { description: 'The resource.' })
  resourceId: string;

  @Field({ description: 'The access revision the change is included in.' })
  revision: string;
}

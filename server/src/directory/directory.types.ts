import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { OrgRole } from '@rolegraph/shared';
import { InvitationStatusEnum, OrgRoleEnum } from '../graphql/enums';
import { ConnectionType } from '../graphql/pagination';
import type { InvitationStatus } from './invitation.entity';

@ObjectType({ description: 'A member of the current organization.' })
export class Member {
  @Field(() => ID, { description: 'The member’s account id (the user id used in grants and checks).' })
  id: string;

  @Field({ description: 'Display name.' })
  name: string;

  @Field({ description: 'Email address.' })
  email: string;

  @Field(() => OrgRoleEnum, { description: 'Org role.' })
  role: OrgRole;

  @Field({ description: 'When they joined the organization.' })
  joinedAt: Date;
}

export const MemberConnection = ConnectionType(Member, 'Member', 'A page of members.');
export type MemberConnection = InstanceType<typeof MemberConnection>;

@ObjectType({ description: 'A role the viewer could set on a member, and why not when they cannot (for the role dropdown).' })
export class RoleOption {
  @Field(() => OrgRoleEnum, { description: 'The role.' })
  role: OrgRole;

  @Field({ description: 'Whether the viewer may set it.' })
  allowed: boolean;

  @Field(() => String, { nullable: true, description: 'Why not, when not allowed.' })
  reason: string | null;
}

@ObjectType({ description: 'An invitation to join the organization.' })
export class Invitation {
  @Field(() => ID, { description: 'Invitation id.' })
  id: string;

  @Field({ description: 'Who is invited.' })
  email: string;

  @Field(() => OrgRoleEnum, { description: 'The role they get on accepting (ADMIN or USER).' })
  role: OrgRole;

  @Field(() => InvitationStatusEnum, { description: 'PENDING, ACCEPTED, REVOKED or EXPIRED.' })
  status: InvitationStatus;

  @Field({ description: 'When it was sent.' })
  createdAt: Date;

  @Field({ description: 'When its link stops working.' })
  expiresAt: Date;

  invitedById: string | null;
}

@ObjectType({
  description:
    'What an invitation link shows the person holding it, before they accept: the organization, who invited them, the invited email and the role. Nothing else about the organization.',
})
export class InvitationPreview {
  @Field({ description: 'The organization they are invited to.' })
  organizationName: string;

  @Field(() => String, { nullable: true, description: 'The name of who sent the invitation, if their account still exists.' })
  invitedByName: string | null;

  @Field({ description: 'The invited email.' })
  email: string;

  @Field(() => OrgRoleEnum, { description: 'The role they get on accepting (ADMIN or USER).' })
  role: OrgRole;

  @Field({ description: 'When the link stops working.' })
  expiresAt: Date;
}

@ObjectType({ description: 'A new invitation with its accept link, shown only in this response.' })
export class CreatedInvitation {
  @Field(() => Invitation, { description: 'The invitation.' })
  invitation: Invitation;

  @Field({ description: 'The single-use accept link (also mailed). It is not stored and cannot be shown again.' })
  acceptUrl: string;
}

@ObjectType({ description: 'The outcome of removing a member.' })
export class RemovedMember {
  @Field(() => ID, { description: 'The former member’s account id.' })
  userId: string;

  @Field({ description: 'The former member’s email.' })
  email: string;

  @Field(() => ID, { nullable: true, description: 'Who received their resources, when reassigned.' })
  reassignedTo: string | null;

  @Field(() => [ID], { description: 'Resources passed to `reassignedTo`.' })
  reassignedResourceIds: string[];

  @Field(() => [ID], { description: 'Resources still owned by the former member, to be reassigned with transferOwnership.' })
  ownedResourceIds: string[];

  @Field(() => Int, { description: 'How many resources stay owned by the former member.' })
  ownedResourceCount: number;
}

@InputType({ description: 'Invite someone by email.' })
export class InviteMemberInput {
  @Field({ description: 'Their email address.' })
  email: string;

  @Field(() => OrgRoleEnum, { description: 'ADMIN or USER; owners are made by promotion.', defaultValue: 'USER' })
  role: OrgRole;
}

@InputType({ description: 'Accept an invitation: a new account (name and password) or the signed-in account with the invited email.' })
export class AcceptInvitationInput {
  @Field({ description: 'The token from the accept link.' })
  token: string;

  @Field(() => String, { nullable: true, description: 'Display name, for a new account.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Password of at least 10 characters, for a new account.' })
  password?: string | null;
}

@InputType({ description: 'Change a member’s org role.' })
export class ChangeMemberRoleInput {
  @Field(() => ID, { description: 'The member’s user id.' })
  userId: string;

  @Field(() => OrgRoleEnum, { description: 'The new role.' })
  role: OrgRole;
}

@InputType({ description: 'Remove a member from the organization.' })
export class RemoveMemberInput {
  @Field(() => ID, { description: 'The member’s user id.' })
  userId: string;

  @Field(() => ID, { nullable: true, description: 'A member to receive the removed member’s resources, in the same transaction.' })
  reassignTo?: string | null;
}

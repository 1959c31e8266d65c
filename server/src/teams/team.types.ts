import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { TeamRole } from '@rolegraph/shared';
import { TeamRoleEnum } from '../graphql/enums';
import { ConnectionType } from '../graphql/pagination';
import { Member } from '../directory/directory.types';

@ObjectType({ description: 'A team of the organization. Grants to a team reach all its members.' })
export class Team {
  @Field(() => ID, { description: 'Team id.' })
  id: string;

  @Field({ description: 'Team name, unique in the organization.' })
  name: string;

  @Field({ description: 'What the team is for.' })
  description: string;

  @Field({ description: 'When it was created.' })
  createdAt: Date;
}

export const TeamConnection = ConnectionType(Team, 'Team', 'A page of teams.');
export type TeamConnection = InstanceType<typeof TeamConnection>;

@ObjectType({ description: 'A member of a team and their team role.' })
export class TeamMembership {
  @Field(() => Member, { description: 'The member.' })
  member: Member;

  @Field(() => TeamRoleEnum, { description: 'ADMIN manages the team; MEMBER belongs to it.' })
  role: TeamRole;

  @Field({ description: 'When they were added.' })
  addedAt: Date;
}

@InputType({ description: 'Create a team; you become its first admin.' })
export class CreateTeamInput {
  @Field({ description: 'Team name.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'What the team is for.' })
  description?: string | null;
}

@InputType({ description: 'Rename a team or change its description.' })
export class UpdateTeamInput {
  @Field(() => ID, { description: 'Team id.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string | null;
}

@InputType({ description: 'Add a member to a team, or change their team role.' })
export class AddTeamMemberInput {
  @Field(() => ID, { description: 'Team id.' })
  teamId: string;

  @Field(() => ID, { description: 'User id of a member of the organization.' })
  userId: string;

  @Field(() => TeamRoleEnum, { nullable: true, description: 'Team role; MEMBER when omitted.' })
  role?: TeamRole | null;
}

@InputType({ description: 'Remove a member from a team.' })
export class RemoveTeamMemberInput {
  @Field(() => ID, { description: 'Team id.' })
  teamId: string;

  @Field(() => ID, { description: 'User id.' })
  userId: string;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TeamRole } from '@rolegraph/shared';

/** A member of a team, with their team role. */
@Entity('team_members')
export class TeamMemberEntity {
  @PrimaryColumn('uuid', { name: 'team_id' })
  teamId: string;

  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  role: TeamRole;

  @Column('timestamptz', { name: 'added_at', default: () => 'now()' })
  addedAt: Date;
}

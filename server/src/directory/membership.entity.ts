import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrgRole } from '@rolegraph/shared';

/** Ties an account to an organization with exactly one org role. */
@Entity('memberships')
export class MembershipEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId: string;

  @Column('text')
  role: OrgRole;

  @Column('timestamptz', { name: 'joined_at', default: () => 'now()' })
  joinedAt: Date;
}

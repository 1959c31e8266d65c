import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GrantLevel } from '@rolegraph/shared';

export type AccessRequestStatus = 'PENDING' | 'APPROVED' | 'DENIED' | 'CANCELLED' | 'LAPSED';

/**
 * A member's request for a level on a resource. `resourceId` may name a
 * resource the requester cannot see or one that does not exist: the request
 * is stored the same way (nobody can approve the latter; it lapses).
 */
@Entity('access_requests')
export class AccessRequestEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'requester_id' })
  requesterId: string;

  @Column('uuid', { name: 'resource_id' })
  resourceId: string;

  @Column('text')
  level: GrantLevel;

  @Column('text')
  reason: string;

  @Column('text')
  status: AccessRequestStatus;

  @Column('uuid', { name: 'answered_by', nullable: true })
  answeredBy: string | null;

  @Column('text', { name: 'answer_reason', nullable: true })
  answerReason: string | null;

  @Column('text', { name: 'granted_level', nullable: true })
  grantedLevel: GrantLevel | null;

  @Column('timestamptz', { name: 'granted_expires_at', nullable: true })
  grantedExpiresAt: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt: Date | null;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type AuditActorType = 'USER' | 'API_KEY' | 'SYSTEM';
export type AuditOutcome = 'SUCCESS' | 'DENIED';

/** One append-only audit record. */
@Entity('audit_entries')
export class AuditEntryEntity {
  /** Database identity; increasing, used as the pagination cursor. */
  @PrimaryColumn({ type: 'bigint', generatedIdentity: 'ALWAYS', generated: 'identity' })
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text', { name: 'actor_type' })
  actorType: AuditActorType;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text', { name: 'actor_label' })
  actorLabel: string;

  @Column('text')
  action: string;

  @Column('text')
  outcome: AuditOutcome;

  @Column('text', { name: 'target_type', nullable: true })
  targetType: string | null;

  @Column('text', { name: 'target_id', nullable: true })
  targetId: string | null;

  @Column('text', { name: 'target_label', nullable: true })
  targetLabel: string | null;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

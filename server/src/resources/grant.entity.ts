import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { GrantLevel } from '@rolegraph/shared';

/** A level on one resource for one user or one team. Exactly one subject column is set. */
@Entity('grants')
export class GrantEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'resource_id' })
  resourceId: string;

  @Column('uuid', { name: 'subject_user_id', nullable: true })
  subjectUserId: string | null;

  @Column('uuid', { name: 'subject_team_id', nullable: true })
  subjectTeamId: string | null;

  @Column('text')
  level: GrantLevel;

  @Column('uuid', { name: 'granted_by', nullable: true })
  grantedBy: string | null;

  /** When it ends; null for a grant without an end. From that instant it gives nothing. */
  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

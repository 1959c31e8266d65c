import type { JsonObject } from '../db/json';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A persistent notification for one person in one organization. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('text')
  kind: string;

  @Column('text')
  message: string;

  @Column('jsonb', { default: () => `'{}'::jsonb` })
  data: JsonObject;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A mail message, kept when no SMTP server is configured (and as a record when one is). */
@Entity('outbox_emails')
export class OutboxEmailEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId: string | null;

  @Column('text')
  recipient: string;

  @Column('text')
  subject: string;

  @Column('text')
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;
}

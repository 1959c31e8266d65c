import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A mail message, kept as a record of what was mailed (or, without SMTP, of
 * what would have been). Its body holds a one-time link only until the
 * message is handed to delivery (see Mailer).
 */
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

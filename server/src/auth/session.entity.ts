import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A signed-in session: an opaque token stored as its hash, acting in one organization at a time. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  /** The organization the session acts in; null when the account belongs to none (or left it). */
  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}

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

  /** The User-Agent of the client that signed in (cut to a readable line); null when unknown. */
  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;

  /** The client address that signed in, as rate limits count it; null when unknown. */
  @Column('text', { name: 'client_address', nullable: true })
  clientAddress: string | null;

  /** When a request last authenticated with it, to the minute (auth/authenticate.ts); null for sessions from before this was kept. */
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
}

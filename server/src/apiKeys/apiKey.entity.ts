import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { withEveryArea, type ApiKeyScopes } from '@rolegraph/shared';

/** An org-scoped API key; its secret is shown once and stored hashed. */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  name: string;

  /** The first characters of the secret, to recognise a key in lists. */
  @Column('text')
  prefix: string;

  @Column('text', { name: 'secret_hash', select: false })
  secretHash: string;

  /** Read with NONE for areas added after the key was made. */
  @Column('jsonb', { transformer: { from: (stored: Partial<ApiKeyScopes>) => withEveryArea(stored), to: (scopes: ApiKeyScopes) => scopes } })
  scopes: ApiKeyScopes;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}

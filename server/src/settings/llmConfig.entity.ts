import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organization's LLM provider settings. The API key is write-only and stored sealed (secrets/storedSecrets.ts): reads get its last four characters. */
@Entity('llm_configs')
export class LlmConfigEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  provider: string;

  @Column('text')
  model: string;

  @Column('text', { name: 'api_key', nullable: true, select: false })
  apiKey: string | null;

  @Column('text', { name: 'api_key_last4', nullable: true })
  apiKeyLast4: string | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;
}

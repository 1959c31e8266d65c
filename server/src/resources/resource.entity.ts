import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { JsonObject } from '../db/json';
import type { AssistantStatus, AssistantVisibility, ResourceType } from '@rolegraph/shared';

/** A catalog entry of a protected resource. */
@Entity('resources')
export class ResourceEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  type: ResourceType;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('uuid', { name: 'owner_id' })
  ownerId: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  /** Type-specific attributes (e.g. a schema agent's connection id), as JSON. */
  @Column('jsonb', { default: () => `'{}'::jsonb` })
  attributes: JsonObject;

  @Column('text', { nullable: true })
  status: AssistantStatus | null;

  @Column('text', { nullable: true })
  visibility: AssistantVisibility | null;

  /** Connections only: secret, sealed (secrets/storedSecrets.ts), never selected unless asked for. */
  @Column('text', { nullable: true, select: false })
  credentials: string | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Plan } from '@rolegraph/shared';

/** A tenant. Every request acts in one organization. */
@Entity('organizations')
export class OrganizationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  plan: Plan;

  @Column('integer')
  seats: number;

  /** Bumped by database triggers whenever access-deciding rows change (see the initial migration). */
  @Column('bigint', { name: 'access_revision' })
  accessRevision: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

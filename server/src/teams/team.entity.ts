import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A team of one organization. */
@Entity('teams')
export class TeamEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

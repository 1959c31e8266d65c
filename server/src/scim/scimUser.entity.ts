import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A person provisioned into an organization by SCIM; while inactive they have no membership there. */
@Entity('scim_users')
export class ScimUserEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId: string;

  @Column('text', { name: 'external_id', nullable: true })
  externalId: string | null;

  @Column('boolean')
  active: boolean;

  @Column('text', { name: 'role_when_reactivated' })
  roleWhenReactivated: 'ADMIN' | 'USER';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

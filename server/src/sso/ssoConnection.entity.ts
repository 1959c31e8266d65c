import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A group claim value and the team it maps to. */
export interface TeamMapping {
  readonly group: string;
  readonly teamId: string;
}

/** An organization's OIDC connection. The client secret is sealed and never read back to a client. */
@Entity('sso_connections')
export class SsoConnectionEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  issuer: string;

  @Column('text', { name: 'client_id' })
  clientId: string;

  @Column('text', { name: 'client_secret', nullable: true, select: false })
  clientSecret: string | null;

  @Column('text', { name: 'default_role' })
  defaultRole: 'ADMIN' | 'USER';

  @Column('boolean')
  enforce: boolean;

  @Column('text', { name: 'groups_claim' })
  groupsClaim: string;

  @Column('jsonb', { name: 'team_mappings' })
  teamMappings: TeamMapping[];

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organization can be deleted (deleteOrganization). Everything it holds
 * goes with it (its tables cascade), except its audit log: append-only, it
 * outlives the organization, ending with the entry that records the
 * deletion. So audit entries no longer reference a live organization row.
 */
export class OrganizationDeletion1764900000000 implements MigrationInterface {
  name = 'OrganizationDeletion1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entries DROP CONSTRAINT IF EXISTS audit_entries_organization_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    // NOT VALID: the entries of organizations deleted meanwhile stay.
    await q.query(
      `ALTER TABLE audit_entries ADD CONSTRAINT audit_entries_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) NOT VALID`,
    );
  }
}

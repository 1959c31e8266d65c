import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A grant to a person and a place in a team belong to a member of the
 * organization: each now references the membership (organization, account),
 * so the database refuses one written for someone who is not a member, and
 * ending a membership ends them with it.
 *
 * Commands decide on the organization's graph read before their transaction;
 * a grant or a team place written just as the same person was removed in
 * another transaction used to outlive the removal (it gave nothing while they
 * were gone, and its access again should they rejoin). Removing a member
 * still deletes both first, in its own transaction, so the change log sees
 * them go; the keys make the race end in NOT_FOUND (commands/commandScope.ts)
 * instead of a row left behind. Rows already left behind are deleted here.
 */
export class GrantsAndTeamsHoldMembers1765200000000 implements MigrationInterface {
  name = 'GrantsAndTeamsHoldMembers1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM grants g WHERE g.subject_user_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM memberships m WHERE m.organization_id = g.organization_id AND m.account_id = g.subject_user_id);
      DELETE FROM team_members t WHERE NOT EXISTS (
        SELECT 1 FROM memberships m WHERE m.organization_id = t.organization_id AND m.account_id = t.account_id);
      ALTER TABLE grants ADD CONSTRAINT grants_subject_membership_fkey
        FOREIGN KEY (organization_id, subject_user_id) REFERENCES memberships (organization_id, account_id) ON DELETE CASCADE;
      ALTER TABLE team_members ADD CONSTRAINT team_members_membership_fkey
        FOREIGN KEY (organization_id, account_id) REFERENCES memberships (organization_id, account_id) ON DELETE CASCADE;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE grants DROP CONSTRAINT IF EXISTS grants_subject_membership_fkey;
      ALTER TABLE team_members DROP CONSTRAINT IF EXISTS team_members_membership_fkey;
    `);
  }
}

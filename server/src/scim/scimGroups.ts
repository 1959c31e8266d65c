import type { DataSource } from 'typeorm';
import { scimPatch } from 'scim-patch';
import type { CommandContext } from '../commands/commandContext';
import { isUuid } from '../ids';
import { addTeamMember, createTeam, deleteTeam, removeTeamMember, updateTeam } from '../teams/teamCommands';
import { GROUP_SCHEMA } from './scimDiscovery';
import { ScimError } from './scimErrors';
import { objectBody, parsePatch, stringOf } from './scimInput';

export interface ScimGroup {
  schemas: string[];
  id: string;
  displayName: string;
  members: { value: string; display: string }[];
  meta: { resourceType: 'Group'; created: Date; lastModified: Date; location: string };
}

/** The organization's teams as SCIM groups, with their members. */
export async function readScimGroups(db: DataSource, organizationId: string, teamId?: string): Promise<ScimGroup[]> {
  const teams: { id: string; name: string; created_at: Date }[] = await db.query(
    `SELECT id, name, created_at FROM teams WHERE organization_id = $1 AND ($2::uuid IS NULL OR id = $2::uuid) ORDER BY created_at, id`,
    [organizationId, teamId ?? null],
  );
  const members: { team_id: string; account_id: string; email: string }[] = await db.query(
    `SELECT tm.team_id, tm.account_id, a.email FROM team_members tm JOIN accounts a ON a.id = tm.account_id
      WHERE tm.organization_id = $1 AND ($2::uuid IS NULL OR tm.team_id = $2::uuid) ORDER BY a.email`,
    [organizationId, teamId ?? null],
  );
  return teams.map((team) => ({
    schemas: [GROUP_SCHEMA],
    id: team.id,
    displayName: team.name,
    members: members.filter((m) => m.team_id === team.id).map((m) => ({ value: m.account_id, display: m.email })),
    meta: { resourceType: 'Group', created: team.created_at, lastModified: team.created_at, location: `/Groups/${team.id}` },
  }));
}

export async function readScimGroup(db: DataSource, organizationId: string, id: string): Promise<ScimGroup> {
  const group = isUuid(id) ? (await readScimGroups(db, organizationId, id.toLowerCase()))[0] : undefined;
  if (!group) throw new ScimError(404, `No group with id ${id}.`);
  return group;
}

/** Member ids of a members array: each `{ value: <user id> }`. */
function memberIds(members: unknown): string[] {
  if (members === undefined || members === null) return [];
  if (!Array.isArray(members)) throw new ScimError(400, 'members must be an array of { value: <user id> }.', 'invalidValue');
  return [
    ...new Set(
      members.map((m: unknown) => {
        const value = m && typeof m === 'object' ? (m as Record<string, unknown>).value : undefined;
        if (typeof value !== 'string' || !isUuid(value)) throw new ScimError(400, 'Each member’s value must be a user id.', 'invalidValue');
        return value.toLowerCase();
      }),
    ),
  ];
}

/** Every id must be a current member: checked before anything changes, so a bad member changes nothing. */
async function assertMembers(db: DataSource, organizationId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found: { account_id: string }[] = await db.query(`SELECT account_id FROM memberships WHERE organization_id = $1 AND account_id = ANY($2::uuid[])`, [
    organizationId,
    ids,
  ]);
  const missing = ids.filter((id) => !found.some((f) => f.account_id === id));
  if (missing.length) throw new ScimError(400, `Not members of this organization: ${missing.join(', ')}.`, 'invalidValue');
}

/** POST /Groups: a new team with these members (each a member of the organization). */
export async function createGroup(ctx: CommandContext, body: unknown): Promise<string> {
  const request = objectBody(body);
  const name = stringOf(request.displayName);
  if (!name) throw new ScimError(400, 'displayName is required.', 'invalidValue');
  const ids = memberIds(request.members);
  await assertMembers(ctx.app.dataSource, ctx.organizationId, ids);
  const team = await createTeam(ctx, { name });
  for (const userId of ids) await addTeamMember(ctx, { teamId: team.id, userId });
  return team.id;
}

/** Brings a team in line with a wanted name and member list, through the team commands (each audited, live). */
async function reconcile(ctx: CommandContext, current: ScimGroup, wanted: { displayName: string | undefined; members: string[] }): Promise<void> {
  await assertMembers(
    ctx.app.dataSource,
    ctx.organizationId,
    wanted.members.filter((id) => !current.members.some((m) => m.value === id)),
  );
  if (wanted.displayName && wanted.displayName !== current.displayName) await updateTeam(ctx, { id: current.id, name: wanted.displayName });
  const have = new Set(current.members.map((m) => m.value));
  for (const userId of wanted.members) if (!have.has(userId)) await addTeamMember(ctx, { teamId: current.id, userId });
  for (const userId of have) if (!wanted.members.includes(userId)) await removeTeamMember(ctx, { teamId: current.id, userId });
}

/** PUT /Groups/{id}: the name and the whole member list. */
export async function replaceGroup(ctx: CommandContext, current: ScimGroup, body: unknown): Promise<void> {
  const request = objectBody(body);
  await reconcile(ctx, current, { displayName: stringOf(request.displayName), members: memberIds(request.members) });
}

/** PATCH /Groups/{id}: add, remove or replace members (and the name), applied with scim-patch to the current group. */
export async function patchGroup(ctx: CommandContext, current: ScimGroup, body: unknown): Promise<void> {
  const operations = parsePatch(body);
  let patched: ScimGroup;
  try {
    patched = scimPatch(structuredClone(current), operations, { mutateDocument: false, treatMissingAsAdd: true });
  } catch (error) {
    throw new ScimError(400, `The PATCH cannot be applied: ${(error as Error).message.slice(0, 200)}`, 'invalidPath');
  }
  await reconcile(ctx, current, { displayName: stringOf(patched.displayName), members: memberIds(patched.members) });
}

/** DELETE /Groups/{id}: the team goes (its members lose what it gave them). */
export async function deleteGroup(ctx: CommandContext, current: ScimGroup): Promise<void> {
  await deleteTeam(ctx, current.id);
}

import type { DataSource } from 'typeorm';
import { scimPatch, type ScimPatchOperation } from 'scim-patch';
import { isUuid } from '../ids';
import { USER_SCHEMA } from './scimDiscovery';
import { ScimError } from './scimErrors';
import { parsePatch, scimBoolean, stringOf } from './scimInput';
import type { ScimUserChange } from './scimUserCommands';

export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  displayName: string;
  name: { formatted: string };
  emails: { value: string; type: string; primary: boolean }[];
  active: boolean;
  meta: { resourceType: 'User'; created: Date; lastModified: Date; location: string };
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  created_at: Date;
  external_id: string | null;
  active: boolean;
  updated_at: Date | null;
}

/** Everyone SCIM sees in an organization: its members (active) and people it deprovisioned (inactive). */
export async function readScimUsers(db: DataSource, organizationId: string, accountId?: string): Promise<ScimUser[]> {
  const rows: UserRow[] = await db.query(
    `SELECT a.id, a.email, a.name, a.created_at, s.external_id, (m.account_id IS NOT NULL) AS active, s.updated_at
       FROM accounts a
       LEFT JOIN memberships m ON m.account_id = a.id AND m.organization_id = $1
       LEFT JOIN scim_users s ON s.account_id = a.id AND s.organization_id = $1
      WHERE (m.account_id IS NOT NULL OR s.account_id IS NOT NULL) AND ($2::uuid IS NULL OR a.id = $2::uuid)
      ORDER BY a.created_at, a.id`,
    [organizationId, accountId ?? null],
  );
  return rows.map((row) => presentUser(db, row));
}

function presentUser(_db: DataSource, row: UserRow): ScimUser {
  return {
    schemas: [USER_SCHEMA],
    id: row.id,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    userName: row.email,
    displayName: row.name,
    name: { formatted: row.name },
    emails: [{ value: row.email, type: 'work', primary: true }],
    active: row.active,
    meta: { resourceType: 'User', created: row.created_at, lastModified: row.updated_at ?? row.created_at, location: `/Users/${row.id}` },
  };
}

export async function readScimUser(db: DataSource, organizationId: string, id: string): Promise<ScimUser> {
  const user = isUuid(id) ? (await readScimUsers(db, organizationId, id.toLowerCase()))[0] : undefined;
  if (!user) throw new ScimError(404, `No user with id ${id}.`);
  return user;
}

/** The display name a SCIM user body gives: displayName, else name.formatted, else given + family name. */
function nameFrom(body: Record<string, unknown>): string | undefined {
  const display = stringOf(body.displayName);
  if (display) return display;
  const name = body.name;
  if (name && typeof name === 'object') {
    const n = name as Record<string, unknown>;
    const formatted = stringOf(n.formatted);
    if (formatted) return formatted;
    const joined = [stringOf(n.givenName), stringOf(n.familyName)].filter(Boolean).join(' ');
    if (joined) return joined;
  }
  return undefined;
}

/** A POST /Users body as the provisioning command takes it. */
export function userToCreate(body: Record<string, unknown>): { userName: string; name: string; externalId: string | null; active: boolean } {
  const userName = stringOf(body.userName);
  if (!userName) throw new ScimError(400, 'userName (the person’s email address) is required.', 'invalidValue');
  return {
    userName,
    name: nameFrom(body) ?? userName,
    externalId: stringOf(body.externalId) ?? null,
    active: body.active === undefined ? true : scimBoolean(body.active, 'active'),
  };
}

/** The change a PUT body (a whole resource) makes to the current one; userName and emails cannot change. */
export function changeFromReplacement(current: ScimUser, body: Record<string, unknown>): ScimUserChange {
  const userName = stringOf(body.userName);
  if (userName !== undefined && userName.toLowerCase() !== current.userName.toLowerCase()) {
    throw new ScimError(400, 'userName is the sign-in email and cannot be changed by SCIM.', 'mutability');
  }
  const emails = body.emails;
  if (Array.isArray(emails)) {
    for (const email of emails) {
      const value = email && typeof email === 'object' ? stringOf((email as Record<string, unknown>).value) : undefined;
      if (value !== undefined && value.toLowerCase() !== current.userName.toLowerCase()) {
        throw new ScimError(400, 'emails cannot be changed by SCIM: the email is the person’s sign-in.', 'mutability');
      }
    }
  }
  return {
    name: nameFrom(body),
    externalId: body.externalId === undefined ? undefined : (stringOf(body.externalId) ?? null),
    active: body.active === undefined ? undefined : scimBoolean(body.active, 'active'),
  };
}

/** The change a PATCH makes: the operations are applied to the current resource (scim-patch), and the result compared. */
export function changeFromPatch(current: ScimUser, body: unknown): ScimUserChange {
  const operations: ScimPatchOperation[] = parsePatch(body).map((op) =>
    // Entra ID sends booleans as strings ("False").
    op.path?.toLowerCase() === 'active' && typeof op.value === 'string' ? { ...op, value: scimBoolean(op.value, 'active') } : op,
  ) as ScimPatchOperation[];
  let patched: ScimUser;
  try {
    patched = scimPatch(structuredClone(current), operations, { mutateDocument: false, treatMissingAsAdd: true });
  } catch (error) {
    throw new ScimError(400, `The PATCH cannot be applied: ${(error as Error).message.slice(0, 200)}`, 'invalidPath');
  }
  const raw = patched as unknown as Record<string, unknown>;
  const change = changeFromReplacement(current, { ...raw, active: raw.active === undefined ? current.active : raw.active });
  return {
    name: change.name !== current.displayName ? change.name : undefined,
    externalId: change.externalId !== (current.externalId ?? null) ? change.externalId : undefined,
    active: change.active !== current.active ? change.active : undefined,
  };
}

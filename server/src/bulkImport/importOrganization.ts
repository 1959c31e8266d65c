import { randomUUID } from 'node:crypto';
import { planDefinition, RESOURCE_TYPE_REGISTRY } from '@rolegraph/shared';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Tx } from '../db/database';
import { runCommand } from '../commands/commandScope';
import type { LiveEventPublisher } from '../live/liveEvents';
import { SYSTEM_ACTOR, type Actor } from '../audit/actor';
import { normalizeEmail } from '../auth/account.entity';
import { hashPassword } from '../auth/passwords';
import { BadUserInputError, SeatLimitError } from '../errors';
import { countSeatsUsed, lockOrganization } from '../directory/organizationStore';
import type { ImportFile } from './importFormat';
import type { SecretBox } from '../secrets/secretBox';
import { CONNECTION_CREDENTIALS, sealStoredSecret } from '../secrets/storedSecrets';

/** Rows per INSERT statement. */
const CHUNK = 5000;
/** Stored for accounts imported without a password: no password verifies against it. */
export const UNUSABLE_PASSWORD_HASH = '!imported-without-password';

export interface ImportSummary {
  readonly organizationId: string;
  readonly accountsCreated: number;
  /** Members of the file whose account already existed (matched by email). */
  readonly accountsMatched: number;
  /** Of those, people already members of the organization: left as they were. */
  readonly alreadyMembers: number;
  readonly membershipsCreated: number;
  readonly teams: number;
  readonly teamMembers: number;
  readonly resources: number;
  readonly grants: number;
  readonly seats: number;
  /** The file's keys and the ids they became. */
  readonly ids: {
    readonly members: Record<string, string>;
    readonly teams: Record<string, string>;
    readonly resources: Record<string, string>;
  };
}

export interface ImportDeps {
  readonly dataSource: DataSource;
  readonly events: LiveEventPublisher;
  readonly logger: Logger;
  /** Seals connection credentials before they are stored. */
  readonly secrets: SecretBox;
}

interface Column {
  readonly name: string;
  readonly type: string;
}

/** Multi-row INSERTs through unnest(), CHUNK rows per statement. */
async function insertRows(tx: Tx, table: string, columns: readonly Column[], rows: readonly unknown[][]): Promise<void> {
  const select = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT * FROM unnest(${select})`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await tx.query(
      sql,
      columns.map((_, i) => chunk.map((row) => row[i])),
    );
  }
}

/**
 * Imports a validated file into one organization, all or nothing, in one
 * transaction with one audit entry. Existing accounts are matched by email
 * and join the organization; existing members keep their role. Bulk-load
 * mode makes each statement record a single access change, so caches
 * reload the organization once instead of replaying every row.
 */
export async function importIntoOrganization(
  deps: ImportDeps,
  organizationId: string,
  file: ImportFile,
  options: { actor?: Actor; requestId?: string | null } = {},
): Promise<ImportSummary> {
  const passwordHashes = new Map<string, string>();
  for (const member of file.members) {
    if (member.password !== undefined) passwordHashes.set(member.key, await hashPassword(member.password));
  }
  return runCommand(deps, { actor: options.actor ?? SYSTEM_ACTOR, organizationId, requestId: options.requestId ?? null }, async (scope) => {
    const tx = scope.tx;
    await tx.query(`SELECT set_config('rolegraph.bulk_load', 'on', true)`);
    const organization = await lockOrganization(tx, organizationId);

    // Members: match accounts by email, create the others.
    const byEmail = new Map(file.members.map((m) => [normalizeEmail(m.email), m]));
    const existing: { id: string; email_normalized: string }[] = await tx.query(
      `SELECT id, email_normalized FROM accounts WHERE email_normalized = ANY($1::text[])`,
      [[...byEmail.keys()]],
    );
    const memberIds: Record<string, string> = {};
    for (const row of existing) memberIds[byEmail.get(row.email_normalized)!.key] = row.id;
    const alreadyMembers = new Set(
      (
        (await tx.query(`SELECT account_id FROM memberships WHERE organization_id = $1 AND account_id = ANY($2::uuid[])`, [
          organizationId,
          existing.map((e) => e.id),
        ])) as { account_id: string }[]
      ).map((r) => r.account_id),
    );
    const newAccounts = file.members.filter((m) => memberIds[m.key] === undefined);
    for (const m of newAccounts) memberIds[m.key] = randomUUID();
    await insertRows(
      tx,
      'accounts',
      [
        { name: 'id', type: 'uuid' },
        { name: 'email', type: 'text' },
        { name: 'email_normalized', type: 'text' },
        { name: 'name', type: 'text' },
        { name: 'password_hash', type: 'text' },
      ],
      newAccounts.map((m) => [memberIds[m.key], m.email.trim(), normalizeEmail(m.email), m.name.trim(), passwordHashes.get(m.key) ?? UNUSABLE_PASSWORD_HASH]),
    );
    const joining = file.members.filter((m) => !alreadyMembers.has(memberIds[m.key]!));
    await insertRows(
      tx,
      'memberships',
      [
        { name: 'organization_id', type: 'uuid' },
        { name: 'account_id', type: 'uuid' },
        { name: 'role', type: 'text' },
      ],
      joining.map((m) => [organizationId, memberIds[m.key], m.role]),
    );

    // Seats: the organization must have room for everyone.
    const seatsNeeded = await countSeatsUsed(tx, organizationId);
    const seats = Math.max(file.seats ?? organization.seats, organization.seats);
    if (seatsNeeded > seats) {
      if (file.seats === undefined) throw new SeatLimitError(organization.seats);
      throw new BadUserInputError(`The file asks for ${file.seats} seats but the organization needs ${seatsNeeded}.`, 'seats');
    }
    if (seats > planDefinition(organization.plan).maxSeats) {
      throw new BadUserInputError(
        `The ${organization.plan} plan allows at most ${planDefinition(organization.plan).maxSeats} seats; change the plan first.`,
        'seats',
      );
    }
    if (seats !== organization.seats) await tx.query(`UPDATE organizations SET seats = $2 WHERE id = $1`, [organizationId, seats]);

    // Teams and their members.
    const clash: { name: string }[] = await tx.query(`SELECT name FROM teams WHERE organization_id = $1 AND lower(name) = ANY($2::text[])`, [
      organizationId,
      file.teams.map((t) => t.name.trim().toLowerCase()),
    ]);
    if (clash.length) throw new BadUserInputError(`Teams already exist in this organization: ${clash.map((c) => c.name).join(', ')}.`, 'teams');
    const teamIds: Record<string, string> = Object.fromEntries(file.teams.map((t) => [t.key, randomUUID()]));
    await insertRows(
      tx,
      'teams',
      [
        { name: 'id', type: 'uuid' },
        { name: 'organization_id', type: 'uuid' },
        { name: 'name', type: 'text' },
        { name: 'description', type: 'text' },
      ],
      file.teams.map((t) => [teamIds[t.key], organizationId, t.name.trim(), t.description?.trim() ?? '']),
    );
    const teamMemberRows = file.teams.flatMap((t) => t.members.map((m) => [teamIds[t.key], memberIds[m.member], organizationId, m.role]));
    await insertRows(
      tx,
      'team_members',
      [
        { name: 'team_id', type: 'uuid' },
        { name: 'account_id', type: 'uuid' },
        { name: 'organization_id', type: 'uuid' },
        { name: 'role', type: 'text' },
      ],
      teamMemberRows,
    );

    // Resources, parents before children; built-on references become ids.
    const resourceIds: Record<string, string> = Object.fromEntries(file.resources.map((r) => [r.key, randomUUID()]));
    const ordered = [...file.resources.filter((r) => r.parent === undefined), ...file.resources.filter((r) => r.parent !== undefined)];
    await insertRows(
      tx,
      'resources',
      [
        { name: 'id', type: 'uuid' },
        { name: 'organization_id', type: 'uuid' },
        { name: 'type', type: 'text' },
        { name: 'parent_id', type: 'uuid' },
        { name: 'owner_id', type: 'uuid' },
        { name: 'name', type: 'text' },
        { name: 'description', type: 'text' },
        { name: 'attributes', type: 'jsonb' },
        { name: 'status', type: 'text' },
        { name: 'visibility', type: 'text' },
        { name: 'credentials', type: 'text' },
      ],
      ordered.map((r) => {
        const attributes: Record<string, unknown> = { ...r.attributes };
        for (const reference of RESOURCE_TYPE_REGISTRY[r.type].references) {
          const value = attributes[reference.attribute];
          if (typeof value === 'string') attributes[reference.attribute] = resourceIds[value];
          else if (Array.isArray(value)) attributes[reference.attribute] = value.map((k) => resourceIds[String(k)]);
        }
        const isAssistant = r.type === 'ASSISTANT';
        return [
          resourceIds[r.key],
          organizationId,
          r.type,
          r.parent === undefined ? null : resourceIds[r.parent],
          memberIds[r.owner],
          r.name.trim(),
          r.description?.trim() ?? '',
          JSON.stringify(attributes),
          isAssistant ? (r.status ?? 'DRAFT') : null,
          isAssistant ? (r.visibility ?? 'PRIVATE') : null,
          r.credentials === undefined ? null : sealStoredSecret(deps.secrets, CONNECTION_CREDENTIALS, resourceIds[r.key]!, r.credentials),
        ];
      }),
    );

    await insertRows(
      tx,
      'grants',
      [
        { name: 'id', type: 'uuid' },
        { name: 'organization_id', type: 'uuid' },
        { name: 'resource_id', type: 'uuid' },
        { name: 'subject_user_id', type: 'uuid' },
        { name: 'subject_team_id', type: 'uuid' },
        { name: 'level', type: 'text' },
      ],
      file.grants.map((g) => [
        randomUUID(),
        organizationId,
        resourceIds[g.resource],
        g.user === undefined ? null : memberIds[g.user],
        g.team === undefined ? null : teamIds[g.team],
        g.level,
      ]),
    );

    const summary: ImportSummary = {
      organizationId,
      accountsCreated: newAccounts.length,
      accountsMatched: existing.length,
      alreadyMembers: alreadyMembers.size,
      membershipsCreated: joining.length,
      teams: file.teams.length,
      teamMembers: teamMemberRows.length,
      resources: file.resources.length,
      grants: file.grants.length,
      seats,
      ids: { members: memberIds, teams: teamIds, resources: resourceIds },
    };
    const { ids: _ids, ...counts } = summary;
    await scope.audit({ action: 'organization.imported', target: { type: 'ORGANIZATION', id: organizationId, label: organization.name }, after: counts });
    scope.publish({ type: 'accessChanged', organizationId, accountIds: 'ALL', reason: 'IMPORTED' });
    scope.publish({ type: 'directoryImported', organizationId });
    // The access change log cannot follow an import level by level: its subscribers start again from a fresh state.
    await tx.query(
      `INSERT INTO access_level_changes (organization_id, revision, seq, kind)
       SELECT id, access_revision, 0, 'RESYNC' FROM organizations WHERE id = $1 ON CONFLICT DO NOTHING`,
      [organizationId],
    );
    return summary;
  });
}

import type { DataSource } from 'typeorm';
import type { OrgRole } from '@rolegraph/shared';
import type { GraphQLContext } from '../graphql/context';
import type { Member } from './directory.types';

export interface MemberRow {
  readonly accountId: string;
  readonly name: string;
  readonly email: string;
  readonly role: OrgRole;
  readonly joinedAt: Date;
}

export interface MemberFilter {
  readonly search?: string | null;
  readonly role?: OrgRole | null;
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereClause(organizationId: string, filter: MemberFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [organizationId];
  let sql = 'm.organization_id = $1';
  const search = filter.search?.trim();
  if (search) {
    params.push(likePattern(search));
    sql += ` AND (a.name ILIKE $${params.length} OR a.email ILIKE $${params.length})`;
  }
  if (filter.role) {
    params.push(filter.role);
    sql += ` AND m.role = $${params.length}`;
  }
  return { sql, params };
}

/** A page of members ordered by (lower(name), id), after the given sort keys. */
export async function listMembers(
  db: DataSource,
  organizationId: string,
  filter: MemberFilter,
  after: readonly [string, string] | null,
  limit: number,
): Promise<{ rows: MemberRow[]; totalCount: number }> {
  const where = whereClause(organizationId, filter);
  const pageParams = [...where.params];
  let pageSql = where.sql;
  if (after) {
    pageParams.push(after[0], after[1]);
    pageSql += ` AND (lower(a.name), a.id) > ($${pageParams.length - 1}, $${pageParams.length}::uuid)`;
  }
  pageParams.push(limit);
  const [rows, count] = await Promise.all([
    db.query(
      `SELECT a.id AS "accountId", a.name, a.email, m.role, m.joined_at AS "joinedAt"
         FROM memberships m JOIN accounts a ON a.id = m.account_id
        WHERE ${pageSql}
        ORDER BY lower(a.name), a.id
        LIMIT $${pageParams.length}`,
      pageParams,
    ) as Promise<MemberRow[]>,
    db.query(`SELECT count(*)::int AS n FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE ${where.sql}`, where.params) as Promise<
      { n: number }[]
    >,
  ]);
  return { rows, totalCount: count[0]?.n ?? 0 };
}

export async function findMemberRow(db: DataSource, organizationId: string, accountId: string): Promise<MemberRow | null> {
  const rows: MemberRow[] = await db.query(
    `SELECT a.id AS "accountId", a.name, a.email, m.role, m.joined_at AS "joinedAt"
       FROM memberships m JOIN accounts a ON a.id = m.account_id
      WHERE m.organization_id = $1 AND m.account_id = $2`,
    [organizationId, accountId],
  );
  return rows[0] ?? null;
}

/** A current member of the acting organization by account id, batched per request; null for anyone else. */
export async function loadMember(ctx: GraphQLContext, accountId: string): Promise<Member | null> {
  const [account, membership] = await Promise.all([ctx.loaders.account.load(accountId), ctx.loaders.membership.load(accountId)]);
  if (!account || !membership) return null;
  return { id: account.id, name: account.name, email: account.email, role: membership.role, joinedAt: membership.joinedAt };
}

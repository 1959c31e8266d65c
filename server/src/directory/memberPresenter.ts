import type { MemberRow } from './memberQueries';
import type { Member } from './directory.types';

/** A member row as the API presents it. */
export function presentMember(row: MemberRow): Member {
  return { id: row.accountId, name: row.name, email: row.email, role: row.role, joinedAt: row.joinedAt };
}

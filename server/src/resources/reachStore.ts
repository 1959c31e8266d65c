import type { Tx } from '../db/database';

/**
 * The resources whose access a change on `resourceIds` moves: those and
 * their children (a project's grants and owner reach its assistants), read
 * in the command's transaction. What `resourceAccessChanged` names, so a page
 * showing an assistant's inherited access hears of a change to its project's.
 */
export async function resourcesReachedFrom(tx: Tx, resourceIds: Iterable<string>): Promise<string[]> {
  const ids = [...new Set(resourceIds)];
  if (ids.length === 0) return [];
  const children: { id: string }[] = await tx.query(`SELECT id FROM resources WHERE parent_id = ANY($1::uuid[])`, [ids]);
  return [...new Set([...ids, ...children.map((c) => c.id)])];
}

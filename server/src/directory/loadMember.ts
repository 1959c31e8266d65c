import type { GraphQLContext } from '../graphql/context';
import type { Member } from './directory.types';

/** A current member of the acting organization by account id, batched per request; null for anyone else. */
export async function loadMember(ctx: GraphQLContext, accountId: string): Promise<Member | null> {
  const [account, membership] = await Promise.all([ctx.loaders.account.load(accountId), ctx.loaders.membership.load(accountId)]);
  if (!account || !membership) return null;
  return { id: account.id, name: account.name, email: account.email, role: membership.role, joinedAt: membership.joinedAt };
}

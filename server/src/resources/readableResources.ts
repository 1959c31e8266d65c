import { scopeAllows } from '@rolegraph/shared';
import type { GraphQLContext } from '../graphql/context';
import { decide } from '../access/evaluator';
import { findResource } from '../access/accessGraph';
import { isMember } from '../auth/principal';
import type { Resource } from './resource.types';
import { presentResourceNode } from './resourcePresenter';

/**
 * The resources among `ids` the caller may read, in the given order: what a
 * field that leads to other resources (an assistant's project, a grant's
 * resource) may show. A grant on an assistant gives nothing on its project, so
 * reaching one resource never reveals another the caller cannot read.
 */
export async function readableResources(ctx: GraphQLContext, ids: readonly string[]): Promise<Resource[]> {
  const principal = ctx.principal;
  if (!principal) return [];
  const graph = await ctx.access.graph();
  const readable: Resource[] = [];
  for (const id of ids) {
    const node = findResource(graph, id);
    if (!node) continue;
    const allowed =
      principal.kind === 'API_KEY'
        ? scopeAllows(principal.scopes, 'resources', 'READ')
        : isMember(principal) && decide(graph, { userId: principal.accountId, action: 'read', resourceId: node.id }).allowed;
    if (allowed) readable.push(presentResourceNode(node));
  }
  return readable;
}

import { capabilitiesOf } from '@rolegraph/shared';
import type { GraphQLContext } from '../graphql/context';
import { MembershipEntity } from '../directory/membership.entity';
import { AccountEntity } from './account.entity';
import type { Viewer } from './auth.types';

/** A person as `me` shows them: their account, every organization they belong to, and their role and capabilities in `organizationId` (null: none). */
export async function presentViewer(ctx: GraphQLContext, accountId: string, organizationId: string | null): Promise<Viewer> {
  const account = await ctx.app.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: accountId });
  const memberships = await ctx.app.dataSource.getRepository(MembershipEntity).find({ where: { accountId }, order: { joinedAt: 'ASC' } });
  const organizations = await Promise.all(
    memberships.map(async (m) => ({ organization: (await ctx.loaders.organization.load(m.organizationId))!, role: m.role, joinedAt: m.joinedAt })),
  );
  const current = organizations.find((o) => o.organization.id === organizationId) ?? null;
  return {
    account,
    apiKey: null,
    organization: current?.organization ?? null,
    role: current?.role ?? null,
    capabilities: current ? capabilitiesOf(current.role) : [],
    organizations,
  };
}

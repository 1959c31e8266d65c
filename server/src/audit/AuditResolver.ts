import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { Scope } from '../policies/apiKeyNeeds';
import { actingPrincipal } from '../graphql/actingContext';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../graphql/pagination';
import { presentAuditEntry } from './auditPresenter';
import { listAuditEntries } from './auditQueries';
import { AuditEntryConnection, AuditLogFilter } from './audit.types';

@Resolver()
export class AuditResolver {
  @Authorized(Rule.can('auditLog.read', Scope.auditRead))
  @Query(() => AuditEntryConnection, { description: 'The audit log, newest first, with filters and cursor pagination. Read-only: entries are never edited.' })
  async auditLog(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Narrow the log.' }) filter?: AuditLogFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1-100 (default 25).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the entry to continue after.' }) after?: string | null,
  ): Promise<AuditEntryConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor(ctx.app.cursors, 'audit', after, ['serial']);
    const afterId = cursor ? cursor[0] : null;
    const { rows, totalCount } = await listAuditEntries(ctx.app.dataSource, actingPrincipal(ctx).organizationId, filter ?? {}, afterId, size + 1);
    return toPage(rows.map(presentAuditEntry), size, (e) => encodeCursor(ctx.app.cursors, 'audit', [e.id]), totalCount);
  }
}

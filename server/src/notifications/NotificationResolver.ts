import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { In, IsNull } from 'typeorm';
import type { GraphQLContext } from '../graphql/context';
import { Rule } from '../graphql/accessRules';
import { actingMember } from '../graphql/actingContext';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../graphql/pagination';
import { BadUserInputError } from '../errors';
import { isUuid } from '../ids';
import { NotificationEntity } from './notification.entity';
import { NotificationConnection, presentNotification } from './notification.types';

/** Most ids one markNotificationsRead call may name. */
const MAX_IDS = 500;

@Resolver()
export class NotificationResolver {
  @Authorized(Rule.member())
  @Query(() => NotificationConnection, { description: 'Your notifications in the current organization, newest first.' })
  async notifications(
    @Ctx() ctx: GraphQLContext,
    @Arg('unreadOnly', { defaultValue: false, description: 'Only unread ones.' }) unreadOnly: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1-100 (default 25).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the item to continue after.' }) after?: string | null,
  ): Promise<NotificationConnection> {
    const me = actingMember(ctx);
    const size = pageSize(first);
    const cursor = decodeCursor(ctx.app.cursors, 'notifications', after, ['timestamp', 'uuid']);
    const query = ctx.app.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.accountId = :accountId AND n.organizationId = :organizationId', { accountId: me.accountId, organizationId: me.organizationId });
    if (unreadOnly) query.andWhere('n.readAt IS NULL');
    const totalCount = await query.getCount();
    if (cursor) query.andWhere('(n.createdAt, n.id) < (:createdAt, :id)', { createdAt: new Date(cursor[0]), id: cursor[1] });
    const rows = await query
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(size + 1)
      .getMany();
    return toPage(rows.map(presentNotification), size, (n) => encodeCursor(ctx.app.cursors, 'notifications', [n.createdAt.toISOString(), n.id]), totalCount);
  }

  @Authorized(Rule.member())
  @Query(() => Int, { description: 'How many of your notifications are unread (the bell’s count).' })
  async unreadNotificationCount(@Ctx() ctx: GraphQLContext): Promise<number> {
    const me = actingMember(ctx);
    return ctx.app.dataSource.getRepository(NotificationEntity).countBy({ accountId: me.accountId, organizationId: me.organizationId, readAt: IsNull() });
  }

  @Authorized(Rule.member())
  @Mutation(() => Int, { description: 'Mark your notifications read: the given ids, or all of them when ids is omitted. Returns how many changed.' })
  async markNotificationsRead(
    @Ctx() ctx: GraphQLContext,
    @Arg('ids', () => [ID], { nullable: true, description: 'Notification ids; omit for all.' }) ids?: string[] | null,
  ): Promise<number> {
    const me = actingMember(ctx);
    if (ids && ids.length > MAX_IDS) throw new BadUserInputError(`At most ${MAX_IDS} ids per call.`, 'ids');
    const where = { accountId: me.accountId, organizationId: me.organizationId, readAt: IsNull() };
    const valid = ids?.filter(isUuid);
    if (valid && valid.length === 0) return 0;
    const result = await ctx.app.dataSource.getRepository(NotificationEntity).update(valid ? { ...where, id: In(valid) } : where, { readAt: new Date() });
    return result.affected ?? 0;
  }
}

import type { GraphQLContext } from '../graphql/context';
import { AccountEntity } from './account.entity';
import { OrganizationEntity } from '../directory/organization.entity';
import { setSessionCookie } from './sessionCookie';
import type { CreatedSession } from './sessions';
import type { Session } from './auth.types';

/** Turns a created session into the `Session` result and hands the web app its cookie. */
export async function presentSession(ctx: GraphQLContext, created: CreatedSession): Promise<Session> {
  const { session, token } = created;
  if (ctx.http) setSessionCookie(ctx.http.res, token, session.expiresAt, ctx.app.config.publicUrl.startsWith('https:'));
  const [account, organization] = await Promise.all([
    ctx.app.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: session.accountId }),
    session.organizationId ? ctx.app.dataSource.getRepository(OrganizationEntity).findOneBy({ id: session.organizationId }) : null,
  ]);
  return { token, account, organization, expiresAt: session.expiresAt };
}

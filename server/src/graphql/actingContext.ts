import { commandContext, type CommandContext } from '../commands/commandContext';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { isMember, type ApiKeyPrincipal, type MemberPrincipal } from '../auth/principal';
import type { GraphQLContext } from './context';

/**
 * The caller acting in an organization: a member's session or an API key.
 * Resolvers behind `@Authorized` rules that require membership call this to
 * get a typed principal; it re-checks so a resolver can never run without one.
 */
export function actingPrincipal(ctx: GraphQLContext): MemberPrincipal | ApiKeyPrincipal {
  const principal = ctx.principal;
  if (!principal) throw new UnauthenticatedError();
  if (principal.kind === 'API_KEY' || isMember(principal)) return principal;
  throw new ForbiddenError('You are not a member of an organization. Accept an invitation or switch organization.');
}

export function actingMember(ctx: GraphQLContext): MemberPrincipal {
  const principal = actingPrincipal(ctx);
  if (principal.kind !== 'USER') throw new ForbiddenError('This needs a signed-in member, not an API key.');
  return principal;
}

export function commandContextOf(ctx: GraphQLContext): CommandContext {
  return commandContext(ctx.app, actingPrincipal(ctx), ctx.requestId, ctx.access);
}

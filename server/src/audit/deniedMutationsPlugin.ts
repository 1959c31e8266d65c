import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import { DomainError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import type { GraphQLContext } from '../graphql/context';
import { recordDeniedMutation } from './recordDeniedMutation';

/**
 * Writes every refused mutation field of a mutation's errors to the audit log
 * as DENIED, whichever check refused it: an `@Authorized` rule or a command's
 * own check (e.g. the member policy). A NOT_FOUND that hides a resource the
 * caller may not see is a refusal too; one for an id that does not exist is
 * not. Over HTTP through `deniedMutationsPlugin`, over the WebSocket from
 * its server (live/websocketServer.ts): one place for both.
 */
export async function recordRefusedMutations(context: GraphQLContext, errors: readonly GraphQLError[]): Promise<void> {
  for (const error of errors) {
    const original = unwrapResolverError(error);
    const field = error.path?.[0];
    const refused =
      original instanceof ForbiddenError || original instanceof UnauthenticatedError || (original instanceof NotFoundError && original.concealsDenial);
    if (typeof field === 'string' && error.path?.length === 1 && refused) {
      await recordDeniedMutation(context, field, original as DomainError);
    }
  }
}

/** The audit of refused mutations for every request over HTTP. */
export const deniedMutationsPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ operation, errors, contextValue }) {
        if (operation?.operation === 'mutation') await recordRefusedMutations(contextValue, errors);
      },
    };
  },
};

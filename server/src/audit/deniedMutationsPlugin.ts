import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import type { GraphQLContext } from '../graphql/context';
import { recordDeniedMutation } from './recordDeniedMutation';

/**
 * Writes every refused mutation to the audit log as DENIED,
 * whichever check refused it: an `@Authorized` rule or a command's own check
 * (e.g. the member policy). One place, for every mutation field of a request.
 * A NOT_FOUND that hides a resource the caller may not see is a refusal too;
 * one for an id that does not exist is not.
 */
export const deniedMutationsPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ operation, errors, contextValue }) {
        if (operation?.operation !== 'mutation') return;
        for (const error of errors) {
          const original = unwrapResolverError(error);
          const field = error.path?.[0];
          const refused =
            original instanceof ForbiddenError || original instanceof UnauthenticatedError || (original instanceof NotFoundError && original.concealsDenial);
          if (typeof field === 'string' && error.path?.length === 1 && refused) {
            await recordDeniedMutation(contextValue, field, original as DomainError);
          }
        }
      },
    };
  },
};

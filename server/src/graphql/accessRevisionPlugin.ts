import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from './context';

/**
 * Every response of a caller acting in an organization carries
 * `extensions.accessRevision`: the token of the highest access revision the
 * request answered at or committed (a mutation's own change included). A
 * client passes it back as `consistency: { mode: AT_LEAST, atLeast }` to be
 * answered at least that fresh (docs/consistency.md).
 */
export const accessRevisionPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single') return;
        const revision = contextValue.access?.responseRevision();
        if (!revision) return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, accessRevision: revision };
      },
    };
  },
};

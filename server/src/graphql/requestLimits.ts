import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits on what one GraphQL document may ask (SPEC 2): depth, cost, aliases,
 * directives and tokens, enforced during validation by graphql-armor.
 * Introspection is exempt from depth and cost (it can be turned off with
 * GRAPHQL_INTROSPECTION=false). List arguments and batches have their own
 * maximums where they are read (page size 100, checkPermissions 1000).
 */
export const REQUEST_LIMITS = {
  maxDepth: 10,
  maxCost: 20_000,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 20_000,
} as const;

export function requestLimits(): ReturnType<ApolloArmor['protect']> {
  return new ApolloArmor({
    maxDepth: { n: REQUEST_LIMITS.maxDepth, ignoreIntrospection: true },
    costLimit: { maxCost: REQUEST_LIMITS.maxCost, ignoreIntrospection: true },
    maxAliases: { n: REQUEST_LIMITS.maxAliases },
    maxDirectives: { n: REQUEST_LIMITS.maxDirectives },
    maxTokens: { n: REQUEST_LIMITS.maxTokens },
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { NoSchemaIntrospectionCustomRule, type ParseOptions, type ValidationRule } from 'graphql';

/**
 * Limits on what one GraphQL document may ask: tokens (while
 * parsing), then depth, cost, aliases and directives (during validation, by
 * graphql-armor). Introspection is exempt from depth and cost. List
 * arguments and batches have their own maximums where they are read (page
 * size 100, checkPermissions 1000).
 *
 * With introspection turned off (GRAPHQL_INTROSPECTION=false), nothing
 * describes the schema: `__schema` and `__type` are refused over HTTP and
 * WebSocket alike, and error messages carry no "Did you mean …?" suggestions.
 */
export const REQUEST_LIMITS = {
  maxDepth: 10,
  maxCost: 20_000,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 20_000,
} as const;

export interface RequestLimits {
  /** For graphql-js `parse`: a longer document fails to parse (a syntax error, 400), before any work on it. */
  readonly parseOptions: ParseOptions;
  /** Every validation rule beyond graphql-js's own (Apollo Server refuses introspection itself when it is off). */
  readonly validationRules: ValidationRule[];
  /** The same, plus the refusal of `__schema` and `__type` when introspection is off, for graphql-ws. */
  readonly webSocketValidationRules: ValidationRule[];
  /** Apollo Server plugins (HTTP): hides suggestions when introspection is off. */
  readonly plugins: ApolloServerPlugin[];
  /** What an error message may say; applied to every error sent (HTTP and WebSocket). */
  readonly errorMessage: (message: string) => string;
}

/** graphql-js appends its suggestions as ` Did you mean "a", "b", or "c"?` (or `… the enum value "A"?`). */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

export function requestLimits(options: { introspection: boolean }): RequestLimits {
  const armor = new ApolloArmor({
    maxDepth: { n: REQUEST_LIMITS.maxDepth, ignoreIntrospection: true },
    costLimit: { maxCost: REQUEST_LIMITS.maxCost, ignoreIntrospection: true },
    maxAliases: { n: REQUEST_LIMITS.maxAliases },
    maxDirectives: { n: REQUEST_LIMITS.maxDirectives },
    // Tokens are limited by graphql-js's parser (parseOptions): graphql-armor's
    // Apollo plugin re-parses in a hook whose errors become 500s.
    maxTokens: { enabled: false },
    // Replaced by `hideSuggestions`, which also covers variable errors ("… the enum value …").
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const errorMessage = options.introspection ? (message: string) => message : withoutSuggestions;
  const hideSuggestions: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = errorMessage(error.message);
        },
      };
    },
  };
  return {
    parseOptions: { maxTokens: REQUEST_LIMITS.maxTokens },
    validationRules: armor.validationRules,
    webSocketValidationRules: [...armor.validationRules, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])],
    plugins: [...armor.plugins, ...(options.introspection ? [] : [hideSuggestions])],
    errorMessage,
  };
}

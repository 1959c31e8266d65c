import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { NoSchemaIntrospectionCustomRule, validate, type DocumentNode, type GraphQLSchema, type ParseOptions, type ValidationRule } from 'graphql';

/**
 * Limits on what one GraphQL document may ask: tokens (while
 * parsing), then depth, cost, aliases and directives (during validation, by
 * graphql-armor). Introspection is exempt from depth and cost. List
 * arguments and batches have their own maximums where they are read (page
 * size 100, checkPermissions 1000).
 *
 * Depth and cost measure the fields a document asks for, not how it is
 * organised: fragments — named or inline — are flattened into the selection
 * that spreads them. (graphql-armor's default counts every spread as one or
 * two more levels, and its cost as 1.5× more at each of them: the web app's
 * lists, whose components declare the fragments they read, were refused as
 * "Query Cost limit of 20000 exceeded" for the same fields that pass inline.)
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

const DEPTH_OPTIONS = { n: REQUEST_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true } as const;
const COST_OPTIONS = { maxCost: REQUEST_LIMITS.maxCost, ignoreIntrospection: true, flattenFragments: true } as const;

export function requestLimits(options: { introspection: boolean }): RequestLimits {
  const armor = new ApolloArmor({
    maxDepth: DEPTH_OPTIONS,
    costLimit: COST_OPTIONS,
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

/**
 * The depth and cost the limits above find in a valid document's operations
 * (the highest of each), measured exactly as a request is: for tests and for
 * sizing the web app's queries.
 */
export function measureDocument(schema: GraphQLSchema, document: DocumentNode): { depth: number; cost: number } {
  const measured = { depth: 0, cost: 0 };
  const { validationRules } = new ApolloArmor({
    maxDepth: { ...DEPTH_OPTIONS, n: Number.MAX_SAFE_INTEGER, onAccept: [(_, { n }) => void (measured.depth = Math.max(measured.depth, n))] },
    costLimit: { ...COST_OPTIONS, maxCost: Number.MAX_SAFE_INTEGER, onAccept: [(_, { n }) => void (measured.cost = Math.max(measured.cost, n))] },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  validate(schema, document, validationRules);
  return measured;
}

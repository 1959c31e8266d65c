import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, NoSchemaIntrospectionCustomRule, validate, type DocumentNode, type GraphQLSchema, type ParseOptions, type ValidationRule } from 'graphql';
import { costLimitRule, selectionCost } from './queryCost';

/**
 * Limits on what one GraphQL document may ask: tokens (while
 * parsing), then depth, cost, aliases and directives (during validation:
 * depth, aliases and directives by graphql-armor, cost by queryCost.ts).
 * Introspection is exempt from depth and cost. List arguments and batches
 * have their own maximums where they are read (page size 100,
 * checkPermissions 1000).
 *
 * Depth and cost measure the fields a document asks for, not how it is
 * organised: fragments, named or inline, count as the fields they hold, and
 * a field asked for twice is counted once, as it is answered once.
 * (graphql-armor counts every fragment spread as more levels, each 1.5×
 * costlier, and every repeat of a field again: the web app's lists, whose
 * components declare the fragments they read, were refused as "Query Cost
 * limit of 20000 exceeded" for fields that pass when written once, inline.)
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

export function requestLimits(options: { introspection: boolean }): RequestLimits {
  const armor = new ApolloArmor({
    maxDepth: DEPTH_OPTIONS,
    costLimit: { enabled: false },
    maxAliases: { n: REQUEST_LIMITS.maxAliases },
    maxDirectives: { n: REQUEST_LIMITS.maxDirectives },
    // Tokens are limited by graphql-js's parser (parseOptions): graphql-armor's
    // Apollo plugin re-parses in a hook whose errors become 500s.
    maxTokens: { enabled: false },
    // Replaced by `hideSuggestions`, which also covers variable errors ("… the enum value …").
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const cost = costLimitRule(REQUEST_LIMITS.maxCost);
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
    validationRules: [...armor.validationRules, cost],
    webSocketValidationRules: [...armor.validationRules, cost, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])],
    plugins: [...armor.plugins, ...(options.introspection ? [] : [hideSuggestions])],
    errorMessage,
  };
}

/**
 * The depth and cost the limits above find in a valid document (the highest
 * of its operations), measured exactly as a request's: for tests and for
 * sizing the web app's queries.
 */
export function measureDocument(schema: GraphQLSchema, document: DocumentNode): { depth: number; cost: number } {
  let depth = 0;
  const { validationRules } = new ApolloArmor({
    maxDepth: { ...DEPTH_OPTIONS, n: Number.MAX_SAFE_INTEGER, onAccept: [(_, { n }) => void (depth = Math.max(depth, n))] },
    costLimit: { enabled: false },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  validate(schema, document, validationRules);
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const costs = document.definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION ? [selectionCost(d.selectionSet, (name) => fragments.get(name))] : [],
  );
  return { depth, cost: Math.max(0, ...costs) };
}

import { Kind, parse, type DocumentNode, type ValueNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** The decision queries that take `consistency`. */
const DECISION_FIELDS = new Set(['checkPermission', 'checkPermissions', 'explainAccess', 'accessibleResources', 'resourceAccess']);
const MEMORY_MODES = new Set(['AT_LEAST', 'MINIMIZE_LATENCY']);
/** Requests larger than this are never looked at before Apollo parses them (with its own limits). */
const MAX_TOKENS = 2_000;

/** Documents remembered by their text (and operation name), the least recently used forgotten first. */
const REMEMBERED_DOCUMENTS = 256;
/** Longer documents are parsed every time rather than kept. */
const MAX_REMEMBERED_LENGTH = 4_096;

/**
 * What a document says about answering from memory, worked out once per
 * document text: false when it never may be, otherwise the `consistency`
 * argument of each root field, whose mode the variables may still decide.
 */
type ConsistencyArguments = readonly ValueNode[] | false;
const documents = new LRUCache<string, ConsistencyArguments>({ max: REMEMBERED_DOCUMENTS });

/**
 * Whether an HTTP request body is a query whose every root field is a
 * decision query asking for AT_LEAST or MINIMIZE_LATENCY consistency — the
 * only requests a remembered credential may answer (auth/rememberedCredentials.ts).
 * Anything else, or anything that does not parse, is not.
 */
export function answerableFromMemory(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { query, variables, operationName } = body as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  const consistency = consistencyArguments(query, typeof operationName === 'string' ? operationName : undefined);
  if (consistency === false) return false;
  const values = typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : {};
  return consistency.every((argument) => MEMORY_MODES.has(modeOf(argument, values) ?? ''));
}

/** The document's consistency arguments, remembered for the most recent documents (clients send the same few). */
function consistencyArguments(query: string, operationName: string | undefined): ConsistencyArguments {
  if (query.length > MAX_REMEMBERED_LENGTH) return readConsistencyArguments(query, operationName);
  // Unambiguous: a named operation's key starts with its name's length, an unnamed one's with a colon.
  const key = operationName === undefined ? `:${query}` : `${operationName.length}:${operationName}:${query}`;
  let known = documents.get(key);
  if (known === undefined) {
    known = readConsistencyArguments(query, operationName);
    documents.set(key, known);
  }
  return known;
}

function readConsistencyArguments(query: string, operationName: string | undefined): ConsistencyArguments {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens: MAX_TOKENS });
  } catch {
    return false;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== document.definitions.length) return false;
  const operation = operationName !== undefined ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'query' || operation.selectionSet.selections.length === 0) return false;
  const consistency: ValueNode[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !DECISION_FIELDS.has(selection.name.value) || selection.directives?.length) return false;
    const argument = selection.arguments?.find((a) => a.name.value === 'consistency');
    if (argument === undefined) return false;
    consistency.push(argument.value);
  }
  return consistency;
}

function modeOf(value: ValueNode, variables: Record<string, unknown>): string | null {
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    const mode = typeof given === 'object' && given !== null ? (given as { mode?: unknown }).mode : undefined;
    return typeof mode === 'string' ? mode : null;
  }
  if (value.kind !== Kind.OBJECT) return null;
  const field = value.fields.find((f) => f.name.value === 'mode');
  if (!field) return null;
  if (field.value.kind === Kind.ENUM) return field.value.value;
  return field.value.kind === Kind.VARIABLE
    ? typeof variables[field.value.name.value] === 'string'
      ? (variables[field.value.name.value] as string)
      : null
    : null;
}

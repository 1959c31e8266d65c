import { Kind, parse, type DocumentNode, type ValueNode } from 'graphql';

/** The decision queries that take `consistency`. */
const DECISION_FIELDS = new Set(['checkPermission', 'checkPermissions', 'explainAccess', 'accessibleResources', 'resourceAccess']);
const MEMORY_MODES = new Set(['AT_LEAST', 'MINIMIZE_LATENCY']);
/** Requests larger than this are never looked at before Apollo parses them (with its own limits). */
const MAX_TOKENS = 2_000;

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
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens: MAX_TOKENS });
  } catch {
    return false;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== document.definitions.length) return false;
  const operation =
    typeof operationName === 'string' ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'query' || operation.selectionSet.selections.length === 0) return false;
  const values = typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : {};
  return operation.selectionSet.selections.every((selection) => {
    if (selection.kind !== Kind.FIELD || !DECISION_FIELDS.has(selection.name.value) || selection.directives?.length) return false;
    const argument = selection.arguments?.find((a) => a.name.value === 'consistency');
    return argument !== undefined && MEMORY_MODES.has(modeOf(argument.value, values) ?? '');
  });
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

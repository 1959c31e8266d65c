import { getNamedType, isAbstractType, isLeafType, isNonNullType, isObjectType, type GraphQLField, type GraphQLNamedType, type GraphQLSchema } from 'graphql';

/**
 * Every field of a type, down to `depth` levels of objects, with __typename
 * on each object so a response can be walked with its types. Fields that need
 * arguments without defaults are left out; abstract types get an inline
 * fragment per implementation (so Connection.credentials is asked for too).
 */
export function fullSelection(schema: GraphQLSchema, type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (depth < 0) return '{ __typename }';
  if (isAbstractType(type)) {
    const fragments = schema.getPossibleTypes(type).map((impl) => `... on ${impl.name} ${fullSelection(schema, impl, depth)}`);
    return `{ __typename ${fragments.join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields())
    .filter((field) => !needsArguments(field))
    .map((field) => {
      const named = getNamedType(field.type);
      return isLeafType(named) ? field.name : depth === 0 ? '' : `${field.name} ${fullSelection(schema, named, depth - 1)}`;
    })
    .filter(Boolean);
  return `{ __typename ${fields.join(' ')} }`;
}

function needsArguments(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
}

/** Calls `visit(typeName, fieldName, value)` for every non-null field of every object in a response. */
export function walkResponse(value: unknown, visit: (typeName: string, field: string, fieldValue: unknown) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walkResponse(item, visit);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const typeName = typeof record.__typename === 'string' ? record.__typename : undefined;
  for (const [field, fieldValue] of Object.entries(record)) {
    if (field === '__typename' || fieldValue === null || fieldValue === undefined) continue;
    if (typeName) visit(typeName, field, fieldValue);
    walkResponse(fieldValue, visit);
  }
}

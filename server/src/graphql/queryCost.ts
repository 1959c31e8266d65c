import { GraphQLError, Kind, type ASTVisitor, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';

/**
 * The cost of a GraphQL document: what its response may hold, estimated
 * before anything runs. Each field costs 1 (a scalar) or 2 plus its fields'
 * costs (an object), a nested field 1.5 times more than its parent's level,
 * and a field with a literal `first`/`last` argument that many times over —
 * graphql-armor's weights, so the limit means what it meant.
 *
 * Unlike graphql-armor's estimate, fields are merged as GraphQL merges them
 * before it answers: by response key, across named and inline fragments. A
 * field asked for twice (an `id` in the page's query and again in a
 * component's fragment) is answered once and costs once, so components may
 * declare the fragments they read without making a query costlier.
 */
export const COST_WEIGHTS = { objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 } as const;

type FragmentLookup = (name: string) => FragmentDefinitionNode | null | undefined;

/** The fields of the selection sets by response key, through fragments (each fragment expanded once). */
function mergedFields(selectionSets: readonly SelectionSetNode[], fragment: FragmentLookup): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const expanded = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const same = fields.get(key);
        if (same) same.push(selection);
        else fields.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!expanded.has(selection.name.value)) {
        expanded.add(selection.name.value);
        const definition = fragment(selection.name.value);
        if (definition) walk(definition.selectionSet);
      }
    }
  };
  for (const set of selectionSets) walk(set);
  return fields;
}

/** A literal `first` or `last` argument of an object field: the list's size (1 without one). */
function listSize(field: FieldNode): number {
  const size = field.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
  return size?.value.kind === Kind.INT ? Math.max(1, Number.parseInt(size.value.value, 10) || 1) : 1;
}

/**
 * The cost of an operation's selection, or — when `limit` is given — stops
 * as soon as the cost passes it (so a hostile document costs little to
 * refuse) and returns what it had reached.
 */
export function selectionCost(selectionSet: SelectionSetNode, fragment: FragmentLookup, limit = Number.POSITIVE_INFINITY): number {
  let total = 0;
  // Each field adds its own cost times the factor its ancestors put on it: the expansion of
  // cost(field) = size × (own + 1.5 × Σ cost(child)), summed at the root without a factor.
  const visit = (selectionSets: readonly SelectionSetNode[], scale: number) => {
    for (const [, nodes] of mergedFields(selectionSets, fragment)) {
      if (total > limit) return;
      const first = nodes[0] as FieldNode;
      if (first.name.value === '__schema') continue;
      const children = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
      if (!children.length) {
        total += scale * COST_WEIGHTS.scalarCost;
        continue;
      }
      const size = Math.max(...nodes.map(listSize));
      total += scale * size * COST_WEIGHTS.objectCost;
      visit(children, scale * size * COST_WEIGHTS.depthCostFactor);
    }
  };
  visit([selectionSet], 1);
  return total;
}

/** Refuses an operation costing more than `maxCost` (a validation error, before anything runs). */
export function costLimitRule(maxCost: number): ValidationRule {
  return (context): ASTVisitor => ({
    OperationDefinition(operation) {
      const cost = selectionCost(operation.selectionSet, (name) => context.getFragment(name), maxCost);
      if (cost > maxCost) {
        context.reportError(new GraphQLError(`Query Cost limit of ${maxCost} exceeded, found at least ${Math.ceil(cost)}.`, { nodes: [operation] }));
      }
    },
  });
}

import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/** What GitHub computes before running a query: its point cost, the nodes it may return, its kind. */
export interface GraphQLCost {
  cost: number;
  nodeCount: number;
  isMutation: boolean;
}

/** A connection type: it pages (`pageInfo`) over `edges` / `nodes`. */
function isConnection(type: GraphQLCompositeType): boolean {
  if (!isObjectType(type) && !isInterfaceType(type)) return false;
  const fields = type.getFields();
  return "pageInfo" in fields && ("edges" in fields || "nodes" in fields);
}

/** The `first` or `last` a connection field asks for; 0 when absent or invalid (the query fails anyway). */
function pageSize(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): number {
  try {
    const args = getArgumentValues(field, node, variables);
    const size = Number(args.first ?? args.last ?? 0);
    return Number.isFinite(size) && size > 0 ? size : 0;
  } catch {
    return 0;
  }
}

/**
 * GitHub's documented calculation: every connection is asked as if it returned `first`/`last` items for
 * each of its parents; the requests needed (one per parent of each connection) are summed, divided by
 * 100 and rounded, at least 1 point. The node count is the sum of the items every connection may
 * return (parents × page size), which GitHub caps at 500,000.
 */
export function graphqlCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): GraphQLCost {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operations.find((candidate) => candidate.name?.value === operationName) ??
    (operationName === undefined ? operations[0] : undefined);
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return { cost: 1, nodeCount: 0, isMutation: false };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  const values = coerced.coerced ?? {};
  const totals = { requests: 0, nodes: 0 };
  const seen = new Set<string>();

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, parents: number) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const field = parent.getFields()[selection.name.value];
        const type = field ? getNamedType(field.type) : undefined;
        if (!field || !selection.selectionSet || !type || !isCompositeType(type)) continue;
        let children = parents;
        if (isConnection(type)) {
          const size = pageSize(field, selection, values);
          totals.requests += parents;
          totals.nodes += parents * size;
          children = parents * size;
        }
        walk(selection.selectionSet, type, children);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        if (condition && isCompositeType(condition)) walk(selection.selectionSet, condition, parents);
      } else {
        const fragment = fragments.get(selection.name.value);
        const condition = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
        // A fragment spread into itself is invalid GraphQL; the guard keeps the walk finite anyway.
        if (!fragment || !condition || !isCompositeType(condition) || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        walk(fragment.selectionSet, condition, parents);
        seen.delete(fragment.name.value);
      }
    }
  };
  walk(operation.selectionSet, root, 1);
  return {
    cost: Math.max(1, Math.round(totals.requests / 100)),
    nodeCount: totals.nodes,
    isMutation: operation.operation === "mutation",
  };
}

/**
 * Calculated query cost as Shopify documents it (shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits):
 * scalars and enums 0, objects 1, interfaces and unions the maximum of their possible selections,
 * connections 2 plus `first`/`last` times the cost of one node, every mutation field 10.
 * The requested cost is computed from the document before execution; the actual cost from the
 * returned data (a connection counts the nodes it really returned), so the bucket can be refunded.
 *
 * The same walk enforces Shopify's connection argument rules ("you must provide one of first or
 * last", "first cannot exceed 250"), which the schema alone cannot express.
 */
import {
  getNamedType, isAbstractType, isLeafType, isObjectType, Kind, valueFromAST,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType,
  type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';

export const MUTATION_COST = 10;
export const MAX_PAGE_SIZE = 250;
export const MAX_QUERY_COST = 1000;

export interface CostProblem { message: string; path: string[]; code?: string }

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  problems: CostProblem[];
  /** Bulk operation queries page by themselves: no first/last required there. */
  bulk: boolean;
}

type Data = Record<string, unknown> | null | undefined;

export function findOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return ops.find((o) => o.name?.value === operationName);
  return ops.length === 1 ? ops[0] : undefined;
}

/** A Relay connection type: an object named …Connection with edges or nodes and pageInfo. */
export function isConnectionType(t: GraphQLNamedType): t is GraphQLObjectType {
  if (!isObjectType(t) || !t.name.endsWith('Connection')) return false;
  const f = t.getFields();
  return 'pageInfo' in f && ('edges' in f || 'nodes' in f);
}

function argValue(w: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode, name: string): unknown {
  const def = field.args.find((a) => a.name === name);
  const ast = node.arguments?.find((a) => a.name.value === name);
  if (!def) return undefined;
  if (!ast) return def.defaultValue;
  return valueFromAST(ast.value, def.type, w.variables);
}

function included(w: Walk, node: { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: import('graphql').ValueNode }[] }[] }): boolean {
  for (const d of node.directives ?? []) {
    if (d.name.value !== 'skip' && d.name.value !== 'include') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    if (!arg) continue;
    let v: unknown;
    if (arg.value.kind === Kind.VARIABLE) v = w.variables[arg.value.name.value];
    else if (arg.value.kind === Kind.BOOLEAN) v = arg.value.value;
    if (d.name.value === 'skip' && v === true) return false;
    if (d.name.value === 'include' && v === false) return false;
  }
  return true;
}

/** Fields of a selection set for one concrete (or the declared) parent type, fragments expanded. */
function collect(w: Walk, type: GraphQLNamedType, set: SelectionSetNode, out: FieldNode[] = []): FieldNode[] {
  for (const sel of set.selections) {
    if (!included(w, sel)) continue;
    if (sel.kind === Kind.FIELD) out.push(sel);
    else {
      const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : w.fragments.get(sel.name.value);
      if (!frag) continue;
      const cond = frag.typeCondition?.name.value;
      if (cond && cond !== type.name) {
        // Another concrete type: not this one. An abstract condition applies when this type is one of its members.
        const condType = w.schema.getType(cond);
        if (!condType || !isAbstractType(condType)) continue;
        if (isObjectType(type) && !w.schema.isSubType(condType, type)) continue;
      }
      collect(w, type, frag.selectionSet, out);
    }
  }
  return out;
}

/** Type conditions mentioned in a selection set (to take the max over the possible types of an abstract type). */
function conditions(w: Walk, set: SelectionSetNode, acc = new Set<string>()): Set<string> {
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (sel.typeCondition) acc.add(sel.typeCondition.name.value);
      conditions(w, sel.selectionSet, acc);
    } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const f = w.fragments.get(sel.name.value);
      if (f) {
        acc.add(f.typeCondition.name.value);
        conditions(w, f.selectionSet, acc);
      }
    }
  }
  return acc;
}

function selectionCost(w: Walk, type: GraphQLNamedType, set: SelectionSetNode, path: string[], data: Data, actual: boolean): number {
  if (isAbstractType(type)) {
    if (actual) {
      const typename = data && typeof data.__typename === 'string' ? data.__typename : undefined;
      const concrete = typename ? w.schema.getType(typename) : undefined;
      if (concrete) return objectCost(w, concrete, set, path, data, actual);
    }
    let max = objectCost(w, type, set, path, data, actual);
    for (const name of conditions(w, set)) {
      const t = w.schema.getType(name);
      if (t && isObjectType(t) && w.schema.isSubType(type, t)) max = Math.max(max, objectCost(w, t, set, path, data, actual));
    }
    return max;
  }
  return objectCost(w, type, set, path, data, actual);
}

function objectCost(w: Walk, type: GraphQLNamedType, set: SelectionSetNode, path: string[], data: Data, actual: boolean): number {
  if (!('getFields' in type)) return 0;
  const fields = (type as GraphQLObjectType).getFields();
  let total = 0;
  for (const node of collect(w, type, set)) {
    const def = fields[node.name.value];
    if (!def) continue;
    const key = node.alias?.value ?? node.name.value;
    total += fieldCost(w, def, node, [...path, key], actual ? (data ? data[key] : null) : undefined, actual);
  }
  return total;
}

function fieldCost(w: Walk, def: GraphQLField<unknown, unknown>, node: FieldNode, path: string[], value: unknown, actual: boolean): number {
  const named = getNamedType(def.type);
  if (isLeafType(named) || !node.selectionSet) return 0;
  if (isConnectionType(named)) {
    const first = argValue(w, def, node, 'first');
    const last = argValue(w, def, node, 'last');
    let size = 0;
    if (!actual) {
      const hasPaging = def.args.some((a) => a.name === 'first');
      if (hasPaging && !w.bulk) {
        if (first == null && last == null) w.problems.push({ message: 'you must provide one of first or last', path });
        for (const [name, v] of [['first', first], ['last', last]] as const) {
          if (typeof v === 'number' && v > MAX_PAGE_SIZE) {
            w.problems.push({ message: `${name} cannot exceed ${MAX_PAGE_SIZE}. To query larger amounts of data with fewer limits, bulk operations should be used instead.`, path });
          }
        }
      }
      size = typeof first === 'number' ? first : typeof last === 'number' ? last : 0;
    }
    return 2 + connectionNodesCost(w, named, node.selectionSet, path, value as Data, actual, size);
  }
  if (actual) {
    if (value == null) return 1;
    if (Array.isArray(value)) {
      let max = 0;
      for (const item of value) max = Math.max(max, selectionCost(w, named, node.selectionSet, path, item as Data, true));
      return 1 + max;
    }
    return 1 + selectionCost(w, named, node.selectionSet, path, value as Data, true);
  }
  return 1 + selectionCost(w, named, node.selectionSet, path, undefined, false);
}

/** Cost of the nodes of a connection: size × (1 + node selection) when requested; the sum over the returned nodes when actual. */
function connectionNodesCost(w: Walk, conn: GraphQLObjectType, set: SelectionSetNode, path: string[], value: Data, actual: boolean, size: number): number {
  const fields = conn.getFields();
  let total = 0;
  for (const sel of collect(w, conn, set)) {
    const key = sel.alias?.value ?? sel.name.value;
    const def = fields[sel.name.value];
    if (!def || !sel.selectionSet) continue;
    if (sel.name.value === 'nodes') {
      const nodeType = getNamedType(def.type);
      if (actual) {
        const list = (value?.[key] as Data[] | undefined) ?? [];
        for (const n of list) total += 1 + selectionCost(w, nodeType, sel.selectionSet, [...path, key], n, true);
      } else {
        total += size * (1 + selectionCost(w, nodeType, sel.selectionSet, [...path, key], undefined, false));
      }
    } else if (sel.name.value === 'edges') {
      const edgeType = getNamedType(def.type) as GraphQLObjectType;
      const nodeField = edgeType.getFields().node;
      const nodeSels = collect(w, edgeType, sel.selectionSet).filter((s) => s.name.value === 'node' && s.selectionSet);
      if (!nodeField) continue;
      const nodeType = getNamedType(nodeField.type);
      if (actual) {
        const edges = (value?.[key] as Data[] | undefined) ?? [];
        for (const e of edges) {
          let c = 0;
          for (const ns of nodeSels) c += 1 + selectionCost(w, nodeType, ns.selectionSet!, [...path, key, ns.alias?.value ?? 'node'], e?.[ns.alias?.value ?? 'node'] as Data, true);
          total += c;
        }
      } else {
        for (const ns of nodeSels) total += size * (1 + selectionCost(w, nodeType, ns.selectionSet!, [...path, key, ns.alias?.value ?? 'node'], undefined, false));
      }
    }
  }
  return total;
}

export interface QueryCost { cost: number; problems: CostProblem[]; isMutation: boolean }

/**
 * Requested cost of an operation (data undefined), or its actual cost from the data returned.
 * Mutations cost MUTATION_COST per root field whatever their payload selection.
 */
export function queryCost(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode,
  variables: Record<string, unknown>, data?: Data, opts: { bulk?: boolean } = {},
): QueryCost {
  const w: Walk = {
    schema, variables, problems: [], bulk: opts.bulk ?? false,
    fragments: new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f])),
  };
  if (operation.operation === 'mutation') {
    const mutationType = schema.getMutationType()!;
    return { cost: collect(w, mutationType, operation.selectionSet).length * MUTATION_COST, problems: [], isMutation: true };
  }
  const root = schema.getQueryType()!;
  const actual = data !== undefined;
  return { cost: objectCost(w, root, operation.selectionSet, [], actual ? data : undefined, actual), problems: w.problems, isMutation: false };
}

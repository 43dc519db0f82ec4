import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  GraphQLInt,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  valueFromAST,
} from 'graphql';
import type { GraphqlRule } from './graphql.js';

/** Connections are recognised by name (…Connection), as in GitHub's and Linear's schemas, unless told otherwise. */
export type IsConnection = (type: GraphQLNamedType) => boolean;
const byName: IsConnection = (type) => type.name.endsWith('Connection');

/** The value of an Int argument (a literal or a variable), undefined when absent or unset. */
function intArgument(node: FieldNode, name: string, variables: Record<string, unknown>): number | null | undefined {
  const argument = node.arguments?.find((item: ArgumentNode) => item.name.value === name);
  return argument ? (valueFromAST(argument.value, GraphQLInt, variables) as number | null | undefined) : undefined;
}

export interface PageSizeOptions {
  /** Largest first/last (GitHub: 100). */
  max: number;
  /** Smallest (default 1). */
  min?: number;
  /** A connection whose nodes or edges are read must say first or last (GitHub; default true). */
  required?: boolean;
  isConnection?: IsConnection;
}

/**
 * first/last on connections within min..max, and (GitHub) present whenever the connection's nodes or
 * edges are read; counting alone (totalCount, pageInfo) needs no page size. Messages are GitHub's.
 */
export function pageSizeRule(options: PageSizeOptions): GraphqlRule {
  const { max, min = 1, required = true, isConnection = byName } = options;
  return (variables) => (context) => ({
    Field(node) {
      const definition = context.getFieldDef();
      if (!definition || !isConnection(getNamedType(definition.type))) return;
      if (!definition.args.some((argument) => argument.name === 'first')) return;
      const field = node.name.value;
      const given = ['first', 'last'].filter((name) => node.arguments?.some((argument) => argument.name.value === name));
      const lists = node.selectionSet?.selections.some((selection) => selection.kind === Kind.FIELD && ['nodes', 'edges'].includes(selection.name.value));
      if (required && lists && given.length === 0) {
        context.reportError(
          new GraphQLError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`, { nodes: node }),
        );
      }
      for (const name of given) {
        const value = intArgument(node, name, variables);
        if (value === undefined || value === null || (value >= min && value <= max)) continue;
        context.reportError(
          new GraphQLError(
            `Requesting ${value} records on the \`${field}\` connection exceeds the \`first\`/\`last\` limit of ${max} records (and must be at least ${min}).`,
            { nodes: node },
          ),
        );
      }
    },
  });
}

export interface ComplexityOptions {
  /** Points for a scalar or enum field (default 0.1). */
  leafCost?: number;
  /** Points for a field returning an object, added to its selection's (default 1). */
  objectCost?: number;
  /** The page size assumed for a connection without first or last (default 50). */
  defaultPageSize?: number;
  isConnection?: IsConnection;
}

type Fragments = (name: string) => FragmentDefinitionNode | undefined;

/**
 * A document's cost the way Linear describes it: a scalar field costs 0.1, an object 1 plus its
 * selection, and a connection 1 plus its selection multiplied by its page size (first or last, else 50),
 * so nested connections multiply. Fragments add their selections (an upper bound for unions); __typename
 * is free. An approximation of Linear's estimator, not a copy of it. With several operations, the
 * costliest.
 */
export function queryComplexity(schema: GraphQLSchema, query: string | DocumentNode, variables: Record<string, unknown> = {}, options: ComplexityOptions = {}) {
  const document = typeof query === 'string' ? parse(query) : query;
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])),
  );
  const costs = document.definitions.map((definition) => {
    const root = definition.kind === Kind.OPERATION_DEFINITION ? schema.getRootType(definition.operation) : undefined;
    return root && definition.kind === Kind.OPERATION_DEFINITION
      ? operationCost(schema, definition, root, variables, (name) => fragments.get(name), options)
      : 0;
  });
  return Math.max(0, ...costs);
}

function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  rootType: GraphQLNamedType,
  variables: Record<string, unknown>,
  fragments: Fragments,
  options: ComplexityOptions,
): number {
  const { leafCost = 0.1, objectCost = 1, defaultPageSize = 50, isConnection = byName } = options;
  const cost = (selections: SelectionSetNode, parent: GraphQLNamedType): number => {
    let total = 0;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        if (!definition) continue;
        const type = getNamedType(definition.type);
        if (isLeafType(type)) {
          total += leafCost;
          continue;
        }
        const children = selection.selectionSet ? cost(selection.selectionSet, type) : 0;
        const pageSize = isConnection(type) ? (intArgument(selection, 'first', variables) ?? intArgument(selection, 'last', variables) ?? defaultPageSize) : 1;
        total += objectCost + pageSize * children;
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments(selection.name.value) : selection;
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        total += cost(fragment.selectionSet, condition ?? parent);
      }
    }
    return total;
  };
  return cost(operation.selectionSet, rootType);
}

export interface ComplexityRuleOptions extends ComplexityOptions {
  /** The most a single document may cost (Linear: 10,000). */
  limit: number;
  /** The refusal (default: "Query too complex" naming both figures). */
  error?: (complexity: number, limit: number) => GraphQLError;
}

/** Refuses an operation whose queryComplexity is over `limit`. */
export function complexityRule(options: ComplexityRuleOptions): GraphqlRule {
  const refuse =
    options.error ??
    ((complexity: number, limit: number) =>
      new GraphQLError(`Query too complex: complexity ${complexity} is over the maximum of ${limit}.`, { extensions: { complexity, limit } }));
  return (variables) => (context) => ({
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root = schema.getRootType(node.operation);
      if (!root) return;
      const complexity = operationCost(schema, node, root, variables, (name) => context.getFragment(name) ?? undefined, options);
      if (complexity > options.limit) context.reportError(refuse(complexity, options.limit));
    },
  });
}

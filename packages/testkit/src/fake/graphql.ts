import { buildSchema, type DocumentNode, execute, type GraphQLError, type GraphQLSchema, parse, specifiedRules, type ValidationRule, validate } from 'graphql';
import { readSpec } from '../specs.js';
import { decodeCursor, encodeCursor } from './pagination.js';

/**
 * GraphQL for the fakes: a published schema, documents validated against it (graphql-js's own rules plus
 * the service's), then executed against plain resolver objects.
 */

const schemas = new Map<string, GraphQLSchema>();

/** The SDL schema in `file` (apiSpecFile/packageFile), built once. */
export function loadGraphqlSchema(file: string): GraphQLSchema {
  let schema = schemas.get(file);
  if (!schema) {
    // Published SDL is not always valid SDL (GitHub's repeats a few fields), and it is not ours to fix.
    schema = buildSchema(readSpec<string>(file), { assumeValidSDL: true });
    schemas.set(file, schema);
  }
  return schema;
}

/** A validation rule that may read the request's variables (page sizes and costs often come from them). */
export type GraphqlRule = (variables: Record<string, unknown>) => ValidationRule;

export interface GraphqlOptions {
  schema: GraphQLSchema;
  /** Rules the service adds to graphql-js's (page sizes, complexity). */
  rules?: GraphqlRule[];
  /** An execution error as the answer shows it (default: message, path, locations, extensions). */
  formatError?: (error: GraphQLError) => Record<string, unknown>;
}

export interface GraphqlOutcome {
  /** What was wrong with the request itself; the fake records these. */
  problems: string[];
  /** The JSON body to answer with. */
  body: Record<string, unknown>;
  /** Whether the document was refused before execution (no query, a syntax error, a rule). */
  refused: boolean;
}

const plain = (error: GraphQLError) => error.toJSON() as unknown as Record<string, unknown>;

/**
 * Validates a GraphQL request and executes it against `root` (plain objects whose function-valued fields
 * are called with the field's arguments, graphql-js's default resolver). Errors thrown by resolvers
 * become per-path errors next to the partial data.
 */
export async function runGraphql(query: unknown, variables: unknown, root: unknown, options: GraphqlOptions): Promise<GraphqlOutcome> {
  if (typeof query !== 'string') {
    const message = 'A query attribute must be specified and must be a string.';
    return { problems: ['graphql: body has no query string'], body: { errors: [{ message }] }, refused: true };
  }
  const vars = (variables && typeof variables === 'object' ? variables : {}) as Record<string, unknown>;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const message = (error as Error).message;
    return { problems: [`graphql: ${message}`], body: { errors: [{ message }] }, refused: true };
  }
  const errors = validate(options.schema, document, [...specifiedRules, ...(options.rules ?? []).map((rule) => rule(vars))]);
  if (errors.length) return { problems: errors.map((error) => `graphql: ${error.message}`), body: { errors: errors.map(plain) }, refused: true };
  const result = await execute({ schema: options.schema, document, rootValue: root, variableValues: vars });
  const body: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors?.length) body.errors = result.errors.map(options.formatError ?? plain);
  return { problems: [], body, refused: false };
}

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * A Relay connection over `items` (totalCount, nodes, edges, pageInfo) honouring first/after and
 * last/before, with opaque cursors. Without first or last it holds `defaultSize` items (default: all;
 * Linear's is 50). A cursor the fake did not issue throws, as a service refuses it.
 */
export function relayConnection<T, N>(items: T[], args: ConnectionArgs, node: (item: T) => N, defaultSize = Number.POSITIVE_INFINITY) {
  const position = (cursor: string | null | undefined, fallback: number) => {
    if (!cursor) return fallback;
    const offset = decodeCursor(cursor);
    if (offset === undefined) throw new Error(`invalid cursor ${JSON.stringify(cursor)}`);
    return offset;
  };
  let start = position(args.after, -1) + 1;
  let end = position(args.before, items.length);
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  else if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  else end = Math.min(end, start + defaultSize);
  const picked = items.slice(start, end).map((item, index) => ({ cursor: encodeCursor(start + index), item }));
  return {
    totalCount: items.length,
    nodes: () => picked.map(({ item }) => node(item)),
    edges: () => picked.map(({ cursor, item }) => ({ cursor, node: node(item) })),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: picked[0]?.cursor ?? null,
      endCursor: picked.at(-1)?.cursor ?? null,
    },
  };
}

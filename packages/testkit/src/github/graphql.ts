import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  type DocumentNode,
  execute,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  Kind,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';

/** GitHub's published GraphQL schema (@octokit/graphql-schema), loaded once. */
let schema: GraphQLSchema | undefined;
export function githubSchema(): GraphQLSchema {
  if (!schema) {
    // The package exports only its entry point; schema.graphql sits next to it.
    const entry = fileURLToPath(import.meta.resolve('@octokit/graphql-schema'));
    // The published SDL repeats a few fields (e.g. EnterpriseOwnerInfo.repositoryDeployKeySetting), so SDL checks are skipped.
    schema = buildSchema(readFileSync(join(dirname(entry), 'schema.graphql'), 'utf8'), { assumeValidSDL: true });
  }
  return schema;
}

/**
 * GitHub refuses a connection without `first` or `last`, or with a value outside 1..100
 * ("You must provide a `first` or `last` value to properly paginate the `issues` connection.").
 */
function connectionArgumentsRule(variables: Record<string, unknown>): ValidationRule {
  return (context) => ({
    Field(node) {
      const definition = context.getFieldDef();
      if (!definition || !getNamedType(definition.type).name.endsWith('Connection')) return;
      if (!definition.args.some((argument) => argument.name === 'first')) return;
      // Only counting (totalCount, pageInfo) needs no page size; listing nodes or edges does.
      const lists = node.selectionSet?.selections.some((selection) => selection.kind === Kind.FIELD && ['nodes', 'edges'].includes(selection.name.value));
      if (!lists) return;
      const values = ['first', 'last'].flatMap((name) => {
        const argument = node.arguments?.find((item) => item.name.value === name);
        if (!argument) return [];
        const value = argument.value;
        if (value.kind === Kind.INT) return [Number(value.value)];
        if (value.kind === Kind.VARIABLE) return [variables[value.name.value]];
        return [undefined];
      });
      const field = node.name.value;
      if (values.length === 0) {
        context.reportError(
          new GraphQLError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`, { nodes: node }),
        );
        return;
      }
      for (const value of values) {
        if (value === undefined || value === null) continue;
        if (typeof value !== 'number' || value < 1 || value > 100) {
          context.reportError(
            new GraphQLError(
              `Requesting ${String(value)} records on the \`${field}\` connection exceeds the \`first\`/\`last\` limit of 100 records (and must be at least 1).`,
              { nodes: node },
            ),
          );
        }
      }
    },
  });
}

export interface GraphqlOutcome {
  /** Problems with the document itself (the fake answers them like GitHub and records them). */
  problems: string[];
  /** The JSON body to answer with. */
  body: Record<string, unknown>;
}

/**
 * Validates a GraphQL request against GitHub's schema and executes it against `root` (plain objects whose
 * function-valued fields are called with the field's arguments). Resolver errors become GitHub-style
 * per-path errors (`type: NOT_FOUND` etc.) next to partial data.
 */
export async function runGraphql(query: unknown, variables: unknown, root: Record<string, unknown>): Promise<GraphqlOutcome> {
  if (typeof query !== 'string')
    return { problems: ['graphql: body has no query string'], body: { message: 'A query attribute must be specified and must be a string.' } };
  const vars = (variables && typeof variables === 'object' ? variables : {}) as Record<string, unknown>;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const message = (error as Error).message;
    return { problems: [`graphql: ${message}`], body: { errors: [{ message }] } };
  }
  const errors = validate(githubSchema(), document, [...specifiedRules, connectionArgumentsRule(vars)]);
  if (errors.length) {
    return {
      problems: errors.map((error) => `graphql: ${error.message}`),
      body: { errors: errors.map((error) => ({ message: error.message, locations: error.locations })) },
    };
  }
  const result = await execute({ schema: githubSchema(), document, rootValue: root, variableValues: vars });
  const body: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors?.length) {
    body.errors = result.errors.map((error) => ({
      type: (error.originalError as { type?: string } | undefined)?.type ?? 'INTERNAL',
      path: error.path,
      locations: error.locations,
      message: error.message,
    }));
  }
  return { problems: [], body };
}

/** A resolver error GitHub reports with a type, e.g. NOT_FOUND for a missing issue. */
export class GraphqlResolveError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

import type { GraphQLError, GraphQLSchema } from 'graphql';
import { type GraphqlOptions, loadGraphqlSchema, loadOpenApi, type OpenApi, pageSizeRule } from '../fake/index.js';
import { packageFile } from '../specs.js';

/** GitHub's published descriptions: REST from @octokit/openapi, GraphQL from @octokit/graphql-schema. */

/** GitHub's REST description as a validator (loading it takes a moment: call it in a beforeAll to preload). */
export const githubOpenApi = (): OpenApi =>
  loadOpenApi(packageFile('@octokit/openapi', 'generated/api.github.com.json'), { name: "GitHub's REST API", slashParameters: ['path'] });

export const githubSchema = (): GraphQLSchema => loadGraphqlSchema(packageFile('@octokit/graphql-schema', 'schema.graphql'));

/** A resolver error GitHub reports with a type, e.g. NOT_FOUND for a missing issue. */
export class GraphqlResolveError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * How GitHub validates and answers a document: connections that list nodes need `first` or `last` in
 * 1..100, and resolver errors carry a `type` (NOT_FOUND …) next to the partial data.
 */
export const githubGraphql = (): GraphqlOptions => ({
  schema: githubSchema(),
  rules: [pageSizeRule({ max: 100 })],
  formatError: (error: GraphQLError) => ({
    type: (error.originalError as { type?: string } | undefined)?.type ?? 'INTERNAL',
    path: error.path,
    locations: error.locations,
    message: error.message,
  }),
});

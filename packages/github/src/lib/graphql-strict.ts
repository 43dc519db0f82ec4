import { graphqlPartial } from '../client.js';
import type { GitHubContext } from '../define.js';
import { graphqlFailure } from './graphql-errors.js';

/** A GraphQL query that must succeed whole: GitHub's per-field errors become tool errors. */
export async function graphqlStrict<T>(context: GitHubContext, query: string, variables: Record<string, unknown>): Promise<T> {
  const { data, errors } = await graphqlPartial<T>(context, query, variables);
  if (errors.length || !data) throw graphqlFailure(errors);
  return data;
}

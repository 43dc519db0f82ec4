import { NotFoundError, UpstreamError } from '@toolbridge/core';
import { graphqlPartial } from '../client.js';
import type { GitHubContext } from '../define.js';

/** A GraphQL query that must succeed whole: GitHub's per-field errors become tool errors. */
export async function graphqlStrict<T>(context: GitHubContext, query: string, variables: Record<string, unknown>): Promise<T> {
  const { data, errors } = await graphqlPartial<T>(context, query, variables);
  const first = errors[0];
  if (first?.type === 'NOT_FOUND') throw new NotFoundError(`GitHub: ${first.message}`, { hint: 'Check the owner, repository or organization name.' });
  if (first || !data) throw new UpstreamError('GitHub', 400, errors.map((error) => error.message).join('; ') || 'GraphQL answered without data');
  return data;
}

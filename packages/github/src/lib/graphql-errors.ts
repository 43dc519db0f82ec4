import { type FailureKind, NotFoundError, UpstreamError } from '@toolbridge/core';
import type { GraphqlPartial } from '../client.js';

type GraphqlErrors = GraphqlPartial<unknown>['errors'];

/** GitHub's GraphQL error types (inside a 200) and what each means; anything else is a refused query. */
const KIND_OF_TYPE: Record<string, FailureKind> = {
  FORBIDDEN: 'forbidden',
  INSUFFICIENT_SCOPES: 'forbidden',
  UNAUTHENTICATED: 'auth',
  SERVICE_UNAVAILABLE: 'unavailable',
  MAX_NODE_LIMIT_EXCEEDED: 'bad_input',
  UNPROCESSABLE: 'bad_input',
};

/**
 * The error a GraphQL answer's `errors` stand for, by GitHub's `type` codes: a missing owner or
 * repository is not found, a missing scope is forbidden, and a document GitHub refused outright (no
 * type) is a bug in this server, not the user's input.
 */
export function graphqlFailure(errors: GraphqlErrors, subject = 'GitHub'): Error {
  const first = errors[0];
  const message = errors.map((error) => error.message).join('; ') || 'GraphQL answered without data';
  if (first?.type === 'NOT_FOUND')
    return new NotFoundError(`${subject}: ${first.message}`, { hint: 'Check the owner, repository or organization name, and that the token can see it.' });
  const kind = first?.type ? KIND_OF_TYPE[first.type] : undefined;
  if (kind) return new UpstreamError('GitHub', undefined, message, { kind, code: first?.type });
  return new UpstreamError('GitHub', undefined, `GraphQL query rejected: ${message}`, {
    kind: 'failed',
    hint: 'This is likely a bug in the server; please report it with the tool call that failed.',
  });
}

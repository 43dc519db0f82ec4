import { GraphQLError } from 'graphql';
import { loadGraphqlSchema } from '../fake/graphql.js';
import { complexityRule, queryComplexity } from '../fake/graphql-rules.js';
import { type FakeRequest, type FakeResponse, type Fault, startFake } from '../fake/index.js';
import { apiSpecFile } from '../specs.js';
import { linearError, linearRoot } from './resolvers.js';
import { createLinearState, type LinearWorld } from './state.js';

export type { LinearWorld } from './state.js';
export { createLinearState, stateId } from './state.js';

/** Linear's published schema (SDK 88.3.0), built once. */
export const linearSchema = () => loadGraphqlSchema(apiSpecFile('linear/schema.graphql'));

/** Linear's limit on one document's complexity. */
export const LINEAR_COMPLEXITY_LIMIT = 10_000;
const REQUEST_LIMIT = 5_000;
const HOUR = 3_600_000;

export interface FakeLinearOptions {
  /** Personal API keys, accepted raw in Authorization (Linear's `Authorization: <API_KEY>`). */
  apiKey?: string;
  /** OAuth access tokens, accepted as `Authorization: Bearer <token>`. */
  oauthToken?: string;
  state?: LinearWorld;
}

export interface FakeLinear {
  /** What LINEAR_API_URL should be: the GraphQL endpoint. */
  url: string;
  requests: FakeRequest[];
  /** Every document that departed from Linear's schema or went over its complexity limit. */
  problems: string[];
  state: LinearWorld;
  /** The GraphQL documents received, in order (their operation's text). */
  documents(): string[];
  /** Queues a one-shot fault on the endpoint. */
  queue(fault: Fault): void;
  /** The next `times` requests are refused as Linear's limiter does: RATELIMITED, the requests budget spent, resetting in `resetMs`. */
  rateLimited(options?: { times?: number; resetMs?: number; status?: number }): void;
  close(): Promise<void>;
}

const authFailure = (): FakeResponse => ({
  status: 400,
  body: {
    errors: [
      {
        message: 'Authentication required, not authenticated',
        extensions: {
          type: 'authentication error',
          code: 'AUTHENTICATION_ERROR',
          statusCode: 401,
          userError: true,
          userPresentableMessage: 'You need to authenticate to access this operation.',
        },
      },
    ],
  },
});

/** The rate-limit answer of Linear's API: a GraphQL error with code RATELIMITED (status 400, or 429 when asked). */
export function linearRateLimit(resetMs = 1_000, status = 400): Fault {
  const reset = String(Date.now() + resetMs);
  return {
    path: '/graphql',
    status,
    headers: {
      'x-ratelimit-requests-limit': String(REQUEST_LIMIT),
      'x-ratelimit-requests-remaining': '0',
      'x-ratelimit-requests-reset': reset,
    },
    body: {
      errors: [
        {
          message: 'Rate limit exceeded',
          extensions: {
            type: 'ratelimited',
            code: 'RATELIMITED',
            statusCode: 429,
            userError: true,
            userPresentableMessage: 'Rate limit exceeded, please try again later.',
          },
        },
      ],
    },
  };
}

/**
 * A fake Linear GraphQL API: one endpoint (/graphql) validating every document against Linear's published
 * schema and its complexity limit, Linear's auth (a personal key raw, an OAuth token as Bearer), its
 * error shapes and rate-limit headers, over the seeded workspace of createLinearState().
 */
export async function startFakeLinear(options: FakeLinearOptions = {}): Promise<FakeLinear> {
  const state = options.state ?? createLinearState();
  const apiKey = options.apiKey ?? 'lin_api_fakeKeyForToolbridgeTests000000000000000';
  const oauthToken = options.oauthToken ?? 'lin_oauth_fakeTokenForToolbridgeTests0000000000';
  const schema = linearSchema();
  const root = linearRoot(state);
  let served = 0;
  const windowReset = Date.now() + HOUR;

  const fake = await startFake({
    graphql: {
      path: '/graphql',
      schema,
      root: () => root,
      refusedStatus: 400,
      rules: [
        complexityRule({
          limit: LINEAR_COMPLEXITY_LIMIT,
          error: (complexity, limit) =>
            new GraphQLError(`Query too complex - complexity is ${Math.ceil(complexity)}, maximum allowed is ${limit}`, {
              extensions: { type: 'invalid input', code: 'QUERY_TOO_COMPLEX', userError: true },
            }),
        }),
      ],
    },
    auth: (request) => {
      const header = request.headers.authorization;
      const value = (Array.isArray(header) ? header[0] : header)?.trim();
      if (value === apiKey || value === `Bearer ${oauthToken}`) return undefined;
      return authFailure();
    },
    headers: (request) => {
      served += 1;
      const query = (request.json as { query?: unknown } | undefined)?.query;
      let complexity: number | undefined;
      try {
        complexity = typeof query === 'string' ? Math.ceil(queryComplexity(schema, query)) : undefined;
      } catch {
        complexity = undefined;
      }
      return {
        'x-ratelimit-requests-limit': String(REQUEST_LIMIT),
        'x-ratelimit-requests-remaining': String(Math.max(0, REQUEST_LIMIT - served)),
        'x-ratelimit-requests-reset': String(windowReset),
        'x-ratelimit-complexity-limit': '3000000',
        'x-ratelimit-complexity-remaining': '2990000',
        'x-ratelimit-complexity-reset': String(windowReset),
        ...(complexity === undefined ? {} : { 'x-complexity': String(complexity) }),
      };
    },
    notFound: () => ({ status: 404, body: { errors: [linearError('Not found', 'invalid input', 'INPUT_ERROR').toJSON()] } }),
  });

  return {
    url: `${fake.url}/graphql`,
    requests: fake.requests,
    problems: fake.problems,
    state,
    documents: () => fake.requests.map((request) => String((request.json as { query?: unknown } | undefined)?.query ?? '')),
    queue: (fault) => fake.queue(fault),
    rateLimited: ({ times = 1, resetMs = 1_000, status = 400 } = {}) => fake.queue({ ...linearRateLimit(resetMs, status), times }),
    close: () => fake.close(),
  };
}

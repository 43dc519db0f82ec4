import { randomUUID } from 'node:crypto';
import { type FakeRequest, type FakeUpstream, type Fault, type RouteHandler, startFake, tokenAuth } from '../fake/index.js';
import { githubGraphql, githubOpenApi } from './descriptions.js';
import { graphqlRoot } from './graphql-root.js';
import { allRoutes } from './routes.js';
import { createGitHubState, type GitHubState } from './state.js';
import { ghError, runInWorld } from './world.js';

/** A one-shot answer for the next matching request (a Fault with a status). */
export type OneShotResponse = Fault & { status: number };

export interface FakeGitHubOptions {
  /** When set, every request must carry this token (`token …` or `Bearer …`), else 401 like GitHub. */
  token?: string;
  /** The X-OAuth-Scopes header of every answer (a classic PAT); absent means a fine-grained token. */
  scopes?: string[];
  /** Serve like GitHub Enterprise Server: REST under /api/v3, GraphQL at /api/graphql. */
  enterprise?: boolean;
  /** A custom world (default: createGitHubState()). */
  state?: GitHubState;
  /** Extra or replacement routes ("GET /path/:param"), e.g. for one test. */
  routes?: Record<string, RouteHandler>;
  /** Validate every JSON answer against the documented response schema (default true). */
  checkResponses?: boolean;
  /** Serve https with this key and certificate (see selfSignedCertificate). */
  tls?: { key: string; cert: string };
}

export interface FakeGitHub extends FakeUpstream {
  /** What GITHUB_API_URL should be: the origin, or origin + /api/v3 for enterprise. */
  apiUrl: string;
  state: GitHubState;
}

const LIMITS = { core: 5000, search: 30, graphql: 5000 } as const;

/** A 403 secondary rate limit as GitHub sends it (retry-after in seconds). */
export function secondaryRateLimit(retryAfterSeconds = 1, match: Pick<OneShotResponse, 'method' | 'path'> = {}): OneShotResponse {
  return {
    ...match,
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
  };
}

/**
 * A fake GitHub (REST + GraphQL) on 127.0.0.1. Every REST request is checked against GitHub's OpenAPI
 * description and every GraphQL document against its schema; departures go to `problems` and are
 * answered 422 (or 404 for an unknown endpoint) as GitHub would. Answers carry rate-limit headers and
 * Link pagination.
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const state = options.state ?? createGitHubState();
  const basePath = options.enterprise ? '/api/v3' : '';
  const used = { core: 0, search: 0, graphql: 0 };
  const reset = Math.floor(Date.now() / 1000) + 3600;
  const world = { state, url: '' };
  const graphqlPath = options.enterprise ? '/api/graphql' : '/graphql';

  const resourceOf = (request: FakeRequest): keyof typeof LIMITS =>
    request.path === graphqlPath ? 'graphql' : request.path.startsWith(`${basePath}/search/`) ? 'search' : 'core';

  const rateLimitHeaders = (request: FakeRequest): Record<string, string> => {
    const resource = resourceOf(request);
    used[resource] += 1;
    return {
      'x-ratelimit-limit': String(LIMITS[resource]),
      'x-ratelimit-remaining': String(Math.max(0, LIMITS[resource] - used[resource])),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': String(used[resource]),
      'x-ratelimit-resource': resource,
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': randomUUID(),
      ...(options.scopes ? { 'x-oauth-scopes': options.scopes.join(', ') } : {}),
    };
  };

  const upstream = await startFake({
    routes: { ...allRoutes, ...options.routes },
    basePath,
    auth: options.token
      ? tokenAuth({
          tokens: options.token,
          schemes: ['token', 'Bearer'],
          missing: ghError(401, 'Requires authentication'),
          invalid: ghError(401, 'Bad credentials'),
        })
      : undefined,
    openapi: {
      description: githubOpenApi(),
      invalid: (problems) => ghError(422, `Invalid request.\n\n${problems.join('\n')}`),
      checkResponses: options.checkResponses,
    },
    graphql: { ...githubGraphql(), path: graphqlPath, root: () => graphqlRoot(state), refusedStatus: 200 },
    headers: rateLimitHeaders,
    around: (run) => runInWorld(world, run),
    notFound: () => ghError(404, 'Not Found'),
    ...(options.tls ? { tls: options.tls } : {}),
  });
  world.url = `${upstream.url}${basePath}`;
  return { ...upstream, apiUrl: world.url, state };
}

export { GraphqlResolveError, githubGraphql, githubOpenApi, githubSchema } from './descriptions.js';
export * from './shapes.js';
export type * from './state.js';
export { createGitHubState, HIDDEN_COMMENT, INJECTION_TEXT, INVISIBLE_INSTRUCTION, sha } from './state.js';
export { findRepo, ghError, notFound, paginate, withRepo, world } from './world.js';

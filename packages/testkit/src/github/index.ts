import { randomUUID } from 'node:crypto';
import { type FakeRequest, type FakeResponse, type RouteHandler, startFakeUpstream } from '../fake-upstream.js';
import { runGraphql } from './graphql.js';
import { graphqlRoot } from './graphql-root.js';
import { requestProblems, responseProblems } from './openapi.js';
import { allRoutes } from './routes.js';
import { createGitHubState, type GitHubState } from './state.js';
import { ghError, runInWorld } from './world.js';

export interface OneShotResponse {
  /** Matches any method when absent. */
  method?: string;
  /** A path (without the GHES prefix) or a pattern; matches any path when absent. */
  path?: string | RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

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
}

export interface FakeGitHub {
  /** The origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /** What GITHUB_API_URL should be: the origin, or origin + /api/v3 for enterprise. */
  apiUrl: string;
  requests: FakeRequest[];
  /** Every way a request (or the fake's own answer) departed from GitHub's published descriptions. */
  problems: string[];
  state: GitHubState;
  /** Queues a one-shot answer, served instead of the route to the next matching request. */
  queue(response: OneShotResponse): void;
  close(): Promise<void>;
}

const LIMITS = { core: 5000, search: 30, graphql: 5000 } as const;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

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
  const prefix = options.enterprise ? '/api/v3' : '';
  const graphqlPath = options.enterprise ? '/api/graphql' : '/graphql';
  const problems: string[] = [];
  const oneShots: OneShotResponse[] = [];
  const used = { core: 0, search: 0, graphql: 0 };
  const reset = Math.floor(Date.now() / 1000) + 3600;
  const world = { state, url: '' };

  const takeOneShot = (method: string, path: string) => {
    const index = oneShots.findIndex(
      (shot) =>
        (!shot.method || shot.method.toUpperCase() === method) && (!shot.path || (typeof shot.path === 'string' ? shot.path === path : shot.path.test(path))),
    );
    return index < 0 ? undefined : oneShots.splice(index, 1)[0];
  };

  const unauthorized = (request: FakeRequest): FakeResponse | undefined => {
    if (!options.token) return undefined;
    const header = request.headers.authorization;
    if (!header) return ghError(401, 'Requires authentication');
    return header === `token ${options.token}` || header === `Bearer ${options.token}` ? undefined : ghError(401, 'Bad credentials');
  };

  const finish = (response: FakeResponse, resource: keyof typeof LIMITS): FakeResponse => {
    used[resource] += 1;
    return {
      ...response,
      headers: {
        'x-ratelimit-limit': String(LIMITS[resource]),
        'x-ratelimit-remaining': String(Math.max(0, LIMITS[resource] - used[resource])),
        'x-ratelimit-reset': String(reset),
        'x-ratelimit-used': String(used[resource]),
        'x-ratelimit-resource': resource,
        'x-github-api-version-selected': '2022-11-28',
        'x-github-request-id': randomUUID(),
        ...(options.scopes ? { 'x-oauth-scopes': options.scopes.join(', ') } : {}),
        ...response.headers,
      },
    };
  };

  const rest =
    (handler: RouteHandler | undefined): RouteHandler =>
    async (request) => {
      const path = request.path.slice(prefix.length) || '/';
      const resource = path.startsWith('/search/') ? 'search' : 'core';
      const shot = takeOneShot(request.method, path);
      if (shot) return finish(shot, resource);
      const refused = unauthorized(request);
      if (refused) return finish(refused, resource);
      const found = requestProblems({ method: request.method, path, query: request.query, body: request.body });
      if (found.length) {
        problems.push(...found);
        const unknown = !handler || found.some((problem) => problem.includes('no such endpoint'));
        return finish(unknown ? ghError(404, 'Not Found') : ghError(422, `Invalid request.\n\n${found.join('\n')}`), resource);
      }
      if (!handler) {
        problems.push(`${request.method} ${path}: documented by GitHub but not implemented by the fake`);
        return finish(ghError(404, 'Not Found'), resource);
      }
      const response = await runInWorld(world, () => handler(request));
      const status = response.status ?? 200;
      if (options.checkResponses !== false && status < 300 && response.body !== undefined && typeof response.body !== 'string') {
        problems.push(...responseProblems(request.method, path, status, response.body));
      }
      return finish(response, resource);
    };

  const graphql: RouteHandler = async (request) => {
    const shot = takeOneShot('POST', '/graphql');
    if (shot) return finish(shot, 'graphql');
    const refused = unauthorized(request);
    if (refused) return finish(refused, 'graphql');
    const { query, variables } = (request.json ?? {}) as { query?: unknown; variables?: unknown };
    const outcome = await runInWorld(world, () => runGraphql(query, variables, graphqlRoot(state)));
    problems.push(...outcome.problems);
    return finish({ status: outcome.problems.length && !('errors' in outcome.body) ? 400 : 200, body: outcome.body }, 'graphql');
  };

  const routes: Record<string, RouteHandler> = { [`POST ${graphqlPath}`]: graphql };
  for (const [key, handler] of Object.entries({ ...allRoutes, ...options.routes })) {
    const [method, path] = key.split(' ') as [string, string];
    routes[`${method} ${prefix}${path}`] = rest(handler);
  }
  for (const method of METHODS) routes[`${method} /:rest*`] = rest(undefined);

  const upstream = await startFakeUpstream(routes);
  world.url = `${upstream.url}${prefix}`;
  return {
    url: upstream.url,
    apiUrl: `${upstream.url}${prefix}`,
    requests: upstream.requests,
    problems,
    state,
    queue: (response) => void oneShots.push(response),
    close: upstream.close,
  };
}

export { GraphqlResolveError, githubSchema, runGraphql } from './graphql.js';
export { connection } from './graphql-root.js';
export { findOperation, preloadOpenApi, requestProblems, responseProblems } from './openapi.js';
export * from './shapes.js';
export type * from './state.js';
export { createGitHubState, HIDDEN_COMMENT, INJECTION_TEXT, INVISIBLE_INSTRUCTION, sha } from './state.js';
export { findRepo, ghError, notFound, paginate, withRepo, world } from './world.js';

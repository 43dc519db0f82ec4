import type { Octokit } from '@octokit/rest';
import { type FetchLike, InvalidInputError, isLoopback, type ServerContext } from '@toolbridge/core';
import type { GitHubContext } from './define.js';
import type { GitHubSettings } from './settings.js';

export interface GitHubClient {
  rest: Octokit;
  graphql: Octokit['graphql'];
  /** REST base URL, e.g. https://api.github.com or https://ghe.example.com/api/v3 */
  apiUrl: string;
}

const DEFAULT_API = 'https://api.github.com';

/** REST and GraphQL endpoints from GITHUB_API_URL / GITHUB_HOST (GitHub Enterprise Server and ghe.com). */
export function endpoints(settings: GitHubSettings): { apiUrl: string; graphqlUrl: string } {
  if (settings.apiUrl) {
    const apiUrl = settings.apiUrl.replace(/\/+$/, '');
    const url = new URL(apiUrl);
    if (url.protocol !== 'https:' && !isLoopback(url.hostname)) {
      throw new InvalidInputError(`GITHUB_API_URL must use https (plain http only for loopback), got ${url.origin}`);
    }
    // GHES serves REST at /api/v3 and GraphQL at /api/graphql; api.github.com and fakes at /graphql.
    const graphqlUrl = apiUrl.endsWith('/api/v3') ? `${apiUrl.slice(0, -'/v3'.length)}/graphql` : `${apiUrl}/graphql`;
    return { apiUrl, graphqlUrl };
  }
  if (settings.host) {
    const host = settings.host.replace(/^https?:\/\//, '').replace(/\/+$/, '');
    if (host === 'github.com') return { apiUrl: DEFAULT_API, graphqlUrl: `${DEFAULT_API}/graphql` };
    if (host.endsWith('.ghe.com')) return { apiUrl: `https://api.${host}`, graphqlUrl: `https://api.${host}/graphql` };
    return { apiUrl: `https://${host}/api/v3`, graphqlUrl: `https://${host}/api/graphql` };
  }
  return { apiUrl: DEFAULT_API, graphqlUrl: `${DEFAULT_API}/graphql` };
}

/** The server's credential: these variables, else what `toolbridge login github` stored. */
export const githubCredential = { service: 'github', title: 'GitHub', env: ['GITHUB_PERSONAL_ACCESS_TOKEN', 'GITHUB_TOKEN'] } as const;

/**
 * Core caches GET answers for a while; after this server changes something, reads skip the cache for
 * that long so a model never reads back its own stale write. GraphQL queries are POSTs but not writes.
 */
function freshAfterWrites(context: ServerContext<GitHubSettings>): FetchLike {
  let freshUntil = 0;
  const ttlMs = context.config.globalSettings.cacheTTL * 1000;
  return (input, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const url = String(input instanceof Request ? input.url : input);
    if (method !== 'GET' && method !== 'HEAD' && !url.endsWith('/graphql')) freshUntil = Date.now() + ttlMs;
    const fresh = Date.now() < freshUntil && method === 'GET';
    // Core's cache honours fetch's standard `cache: 'no-store'` (absent from Node's RequestInit type).
    return context.http.fetch(input, fresh ? ({ ...init, cache: 'no-store' } as RequestInit) : init);
  };
}

/**
 * The GitHub client (the `github` service), made at the first call: octokit loads lazily to keep
 * start-up fast, and every request goes through core's sandboxed fetch. Without a token it fails with a
 * clear error (the server still starts and lists its tools).
 */
export async function createClient(context: ServerContext<GitHubSettings>): Promise<GitHubClient> {
  // Fails with what to set or run when there is none; a stored OAuth token is refreshed before it expires.
  await context.credentials.require();
  const { Octokit } = await import('@octokit/rest');
  const { apiUrl } = endpoints(context.settings);
  const rest = new Octokit({
    baseUrl: apiUrl,
    userAgent: context.serverName,
    request: { fetch: freshAfterWrites(context) },
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => context.logger.warning(message),
      error: (message: string) => context.logger.error(message),
    },
  });
  // octokit parses JSON with json-with-bigint, whose fallback on Node < 21 runs a regex over the whole
  // text that overflows the stack on a multi-megabyte string, and then hands the raw text over as data.
  // Core has already checked the answer is valid JSON, so the native parser finishes the job.
  // The token is read at each request: a refreshed one replaces it without a new client.
  rest.hook.before('request', async (options) => {
    options.headers.authorization = `token ${(await context.credentials.require()).token}`;
  });
  rest.hook.wrap('request', async (request, options) => {
    const response = await request(options);
    if (typeof response.data === 'string' && /\bjson\b/.test(String(response.headers['content-type'] ?? ''))) response.data = JSON.parse(response.data);
    return response;
  });
  // octokit's graphql shares the REST client's auth and fetch, and maps GHES /api/v3 to /api/graphql.
  return { rest, graphql: rest.graphql, apiUrl };
}

export interface GraphqlPartial<T> {
  data: T | undefined;
  errors: Array<{ type?: string; path?: Array<string | number>; message: string }>;
}

/**
 * A GraphQL query whose per-field errors are data, not failure: GitHub answers 200 with partial data
 * and an errors list (e.g. one missing issue among several); octokit throws for that, so it is unwrapped.
 */
export async function graphqlPartial<T>(context: GitHubContext, query: string, variables: Record<string, unknown>): Promise<GraphqlPartial<T>> {
  const client = await context.services.github;
  const { GraphqlResponseError } = await import('@octokit/graphql');
  try {
    return { data: await client.graphql<T>(query, variables), errors: [] };
  } catch (error) {
    if (!(error instanceof GraphqlResponseError)) throw error;
    return { data: (error.data ?? undefined) as T | undefined, errors: error.errors ?? [] };
  }
}

/** owner/repo from the arguments, or from GITHUB_REPOSITORY; a clear error when neither is there. */
export function repoOf(context: GitHubContext, input: { owner?: string | undefined; repo?: string | undefined }): { owner: string; repo: string } {
  if (input.owner && input.repo) return { owner: input.owner, repo: input.repo };
  const [owner, repo] = context.settings.repository?.split('/') ?? [];
  if (owner && repo) return { owner: input.owner ?? owner, repo: input.repo ?? repo };
  throw new InvalidInputError('owner and repo are required', { hint: 'Pass owner and repo, or set GITHUB_REPOSITORY=owner/repo for a default.' });
}

import type { Octokit } from '@octokit/rest';
import type { graphql as GraphQl } from '@octokit/graphql';
import { InvalidInputError, isLoopback, type ServerContext } from '@toolbridge/core';
import type { GitHubSettings } from './settings.js';

export type GitHubContext = ServerContext<GitHubSettings>;

export interface GitHubClient {
  rest: Octokit;
  graphql: typeof GraphQl;
  /** REST base URL, e.g. https://api.github.com or https://ghe.example.com/api/v3 */
  apiUrl: string;
  /** Whether a token is configured (tools that need one fail with a clear error on first use). */
  hasToken: boolean;
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

export const tokenFrom = (env: NodeJS.ProcessEnv): string | undefined => env.GITHUB_PERSONAL_ACCESS_TOKEN || env.GITHUB_TOKEN || undefined;

const clients = new WeakMap<object, Promise<GitHubClient>>();

/**
 * The GitHub client for a server, created on first use (octokit is loaded lazily to keep start-up
 * fast). Every request goes through core's sandboxed fetch.
 */
export function github(context: GitHubContext): Promise<GitHubClient> {
  let client = clients.get(context.http);
  if (!client) {
    client = createClient(context);
    clients.set(context.http, client);
  }
  return client;
}

async function createClient(context: GitHubContext): Promise<GitHubClient> {
  const [{ Octokit }, { graphql }] = await Promise.all([import('@octokit/rest'), import('@octokit/graphql')]);
  // @octokit/graphql maps a GHES base URL (/api/v3) to /api/graphql itself.
  const { apiUrl } = endpoints(context.settings);
  const token = tokenFrom(context.env);
  const headers = { 'user-agent': `${context.serverName}`, 'x-github-api-version': '2022-11-28' };
  const fetch = context.http.fetch;
  const rest = new Octokit({
    ...(token ? { auth: token } : {}),
    baseUrl: apiUrl,
    userAgent: context.serverName,
    request: { fetch },
    log: { debug: () => undefined, info: () => undefined, warn: (message: string) => context.logger.warning(message), error: (message: string) => context.logger.error(message) },
  });
  const graphqlClient = graphql.defaults({
    baseUrl: apiUrl,
    headers: { ...headers, ...(token ? { authorization: `token ${token}` } : {}) },
    request: { fetch },
  });
  return { rest, graphql: graphqlClient, apiUrl, hasToken: Boolean(token) };
}

/** owner/repo from the arguments, or from GITHUB_REPOSITORY; a clear error when neither is there. */
export function repoOf(context: GitHubContext, input: { owner?: string | undefined; repo?: string | undefined }): { owner: string; repo: string } {
  if (input.owner && input.repo) return { owner: input.owner, repo: input.repo };
  const [owner, repo] = context.settings.repository?.split('/') ?? [];
  if (owner && repo) return { owner: input.owner ?? owner, repo: input.repo ?? repo };
  throw new InvalidInputError('owner and repo are required', { hint: 'Pass owner and repo, or set GITHUB_REPOSITORY=owner/repo for a default.' });
}

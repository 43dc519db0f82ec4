import type { ToolDefinition } from '@toolbridge/core';
import type { GitHubContext } from './define.js';

/**
 * Classic personal access tokens carry OAuth scopes (the X-OAuth-Scopes header); fine-grained tokens
 * and app tokens do not. With a classic token, tools it cannot use are hidden at start.
 */

/** Scopes that include others (GitHub's scope hierarchy, the parts that matter here). */
const IMPLIED: Record<string, string[]> = {
  repo: ['public_repo', 'repo:status', 'repo_deployment', 'repo:invite', 'security_events'],
  user: ['read:user', 'user:email', 'user:follow'],
  'admin:org': ['write:org', 'read:org'],
  'write:org': ['read:org'],
};

/** Any one of these scopes lets a tool work: writes need repo (or public_repo for public repositories). */
export function requiredScopes(tool: Pick<ToolDefinition, 'annotations'>): string[] {
  return tool.annotations.readOnlyHint ? [] : ['repo', 'public_repo'];
}

export function expandScopes(granted: readonly string[]): Set<string> {
  const all = new Set(granted);
  for (const scope of granted) for (const implied of IMPLIED[scope] ?? []) all.add(implied);
  return all;
}

/** Names of the tools a classic token with these scopes cannot use. */
export function toolsLackingScopes(tools: ReadonlyArray<Pick<ToolDefinition, 'name' | 'annotations'>>, granted: readonly string[]): string[] {
  const have = expandScopes(granted);
  return tools
    .filter((tool) => {
      const needed = requiredScopes(tool);
      return needed.length > 0 && !needed.some((scope) => have.has(scope));
    })
    .map((tool) => tool.name);
}

const PROBE_TIMEOUT_MS = 5_000;

/** Fine-grained PATs and GitHub App installation tokens have permissions, not scopes: nothing to probe. */
export const hasScopes = (token: string | undefined): token is string => !!token && !/^(github_pat_|ghs_)/.test(token);

/**
 * The token's scopes from one GET /user: a list for a classic token, null when GitHub sends no
 * X-OAuth-Scopes (a token without scopes). Throws when GitHub could not be asked.
 */
export async function probeScopes(context: GitHubContext): Promise<string[] | null> {
  const client = await context.services.github;
  const response = await client.rest.request('GET /user', { request: { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) } });
  const header = response.headers['x-oauth-scopes'];
  if (header === undefined || header === null) return null;
  return String(header)
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
}

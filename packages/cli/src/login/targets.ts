import type { HttpClient } from '@toolbridge/core';

/** What one cheap read with a token says about it. */
export interface Verified {
  identity: string;
  scopes?: string[];
  /** ISO time, when the upstream says the token expires. */
  expiresAt?: string;
}

/** A service `toolbridge login` can keep a credential for. */
export interface LoginTarget {
  service: string;
  title: string;
  /** The variables the server reads the credential from (they win over the store). */
  variables: readonly string[];
  /** Where to create a token, for the prompt and for errors. */
  howToGet: string;
  /** The API base URL from the same variables the server reads (GITHUB_API_URL, SENTRY_URL...). */
  baseUrl(env: NodeJS.ProcessEnv): string;
  /** One cheap read that proves the token works; throws what the upstream said when it does not. */
  verify(http: HttpClient, baseUrl: string, token: string): Promise<Verified>;
}

const trimmed = (url: string) => url.replace(/\/+$/, '');
const scopeList = (header: string | null) =>
  header
    ?.split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);

/** GitHub's REST base as the server derives it: GITHUB_API_URL, else GITHUB_HOST (GHES, ghe.com), else api.github.com. */
function githubApi(env: NodeJS.ProcessEnv): string {
  if (env.GITHUB_API_URL) return trimmed(env.GITHUB_API_URL);
  const host = env.GITHUB_HOST?.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  if (!host || host === 'github.com') return 'https://api.github.com';
  return host.endsWith('.ghe.com') ? `https://api.${host}` : `https://${host}/api/v3`;
}

/** GitHub writes a token's expiry as "2026-12-01 15:47:52 UTC". */
function githubExpiry(header: string | null): string | undefined {
  const time = header ? Date.parse(header.replace(' UTC', 'Z').replace(' ', 'T')) : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export const github: LoginTarget = {
  service: 'github',
  title: 'GitHub',
  variables: ['GITHUB_PERSONAL_ACCESS_TOKEN', 'GITHUB_TOKEN'],
  howToGet: 'create a fine-grained token at https://github.com/settings/personal-access-tokens (or run `gh auth token`)',
  baseUrl: githubApi,
  async verify(http, baseUrl, token) {
    const { data, response } = await http.json<{ login: string; name?: string | null }>(`${baseUrl}/user`, {
      headers: { authorization: `token ${token}`, 'x-github-api-version': '2022-11-28' },
    });
    // Classic tokens list their scopes; fine-grained ones have none. An expiring token says when.
    const scopes = scopeList(response.headers.get('x-oauth-scopes'));
    const expiresAt = githubExpiry(response.headers.get('github-authentication-token-expiration'));
    return {
      identity: `${data.login}${data.name ? ` (${data.name})` : ''}`,
      ...(scopes?.length ? { scopes } : {}),
      ...(expiresAt ? { expiresAt } : {}),
    };
  },
};

/** Sentry's base as the server derives it: SENTRY_URL, else SENTRY_HOST, else sentry.io (the API is under /api/0). */
function sentryBase(env: NodeJS.ProcessEnv): string {
  const raw = env.SENTRY_URL ?? (env.SENTRY_HOST ? `https://${env.SENTRY_HOST.replace(/^https?:\/\//, '')}` : 'https://sentry.io');
  const url = new URL(raw);
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/api(\/0)?$/, '')}`;
}

export const sentry: LoginTarget = {
  service: 'sentry',
  title: 'Sentry',
  variables: ['SENTRY_AUTH_TOKEN', 'SENTRY_ACCESS_TOKEN'],
  howToGet: 'create a personal token (scopes org:read, project:read, event:read; event:write to resolve) under User settings > Personal Tokens',
  baseUrl: sentryBase,
  async verify(http, baseUrl, token) {
    const { data } = await http.json<Array<{ slug: string }>>(`${baseUrl}/api/0/organizations/`, { headers: { authorization: `Bearer ${token}` } });
    const slugs = data.map((organization) => organization.slug);
    return { identity: slugs.length ? `organization${slugs.length > 1 ? 's' : ''} ${slugs.join(', ')}` : 'no organization' };
  },
};

export const slack: LoginTarget = {
  service: 'slack',
  title: 'Slack',
  variables: ['SLACK_BOT_TOKEN', 'SLACK_USER_TOKEN'],
  howToGet: 'install a Slack app in your workspace (api.slack.com/apps) and copy its Bot User OAuth Token (xoxb-…)',
  baseUrl: (env) => trimmed(env.SLACK_API_URL ?? 'https://slack.com/api'),
  async verify(http, baseUrl, token) {
    // auth.test answers ok: false with 200 for a bad token; the scopes come in a header.
    const { data, response } = await http.json<{ ok: boolean; error?: string; user?: string; team?: string }>(`${baseUrl}/auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    if (!data.ok) throw new Error(`Slack refused the token (${data.error ?? 'unknown error'})`);
    const scopes = scopeList(response.headers.get('x-oauth-scopes'));
    return { identity: `${data.user ?? 'unknown user'} in ${data.team ?? 'unknown team'}`, ...(scopes?.length ? { scopes } : {}) };
  },
};

export const linear: LoginTarget = {
  service: 'linear',
  title: 'Linear',
  variables: ['LINEAR_API_KEY'],
  howToGet: 'create a personal API key under Linear Settings > Account > Security & access',
  baseUrl: (env) => trimmed(env.LINEAR_API_URL ?? 'https://api.linear.app/graphql'),
  async verify(http, baseUrl, token) {
    // Personal API keys go bare in Authorization; OAuth tokens as Bearer.
    const authorization = token.startsWith('lin_api_') ? token : `Bearer ${token}`;
    const { data } = await http.json<{ data?: { viewer?: { name?: string; email?: string } }; errors?: Array<{ message: string }> }>(baseUrl, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { name email } }' }),
    });
    const viewer = data.data?.viewer;
    if (!viewer) throw new Error(`Linear refused the token (${data.errors?.[0]?.message ?? 'no viewer'})`);
    return { identity: `${viewer.name ?? 'unknown'}${viewer.email ? ` <${viewer.email}>` : ''}` };
  },
};

/** Every service `toolbridge login` knows, in the order help lists them. */
export const LOGIN_TARGETS: readonly LoginTarget[] = [github, slack, linear, sentry];
export const loginTarget = (service: string) => LOGIN_TARGETS.find((target) => target.service === service);

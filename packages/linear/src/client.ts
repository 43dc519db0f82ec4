import { ConfigError, InvalidInputError, isLoopback, type ServerContext, type UpstreamError } from '@toolbridge/core';
import type { LinearSettings } from './settings.js';

export interface LinearClient {
  /** Sends one GraphQL document with its variables; Linear's errors are thrown as core's errors (see upstream.ts). */
  request<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
  /**
   * For a document of several mutations, which run in order until one fails (their payloads are non-null,
   * so the answer then holds no data): the data, or the failure and the field that failed.
   */
  requestMutations<T>(
    document: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data: T; failure?: undefined } | { data?: undefined; failure: UpstreamError; failedField: string | undefined }>;
}

export const keyFrom = (env: NodeJS.ProcessEnv): string | undefined => env.LINEAR_API_KEY?.trim() || undefined;

/**
 * Linear takes a personal API key (lin_api_…) raw in Authorization, and an OAuth access token as Bearer.
 * A value already written as "Bearer …" is kept as it is.
 */
export function authorizationFor(key: string): string {
  if (/^bearer\s/i.test(key)) return key;
  return key.startsWith('lin_api_') ? key : `Bearer ${key}`;
}

/** The GraphQL endpoint, https unless on loopback (tests). */
export function apiUrlOf(settings: LinearSettings): string {
  const url = new URL(settings.apiUrl);
  if (url.protocol !== 'https:' && !isLoopback(url.hostname)) {
    throw new InvalidInputError(`LINEAR_API_URL must use https (plain http only for loopback), got ${url.origin}`, {
      hint: 'Leave LINEAR_API_URL unset for https://api.linear.app/graphql.',
    });
  }
  return url.href;
}

/**
 * The Linear client (the `client` service): one POST per document through core's sandboxed HTTP. Without
 * a key it fails with what to set (the server still starts and lists its tools).
 */
export function createClient(context: ServerContext<LinearSettings>): LinearClient {
  const key = keyFrom(context.env);
  if (!key) {
    throw new ConfigError('LINEAR_API_KEY', 'no Linear API key is set', {
      hint: 'Create a personal API key in Linear (Settings → Account → Security & access → Personal API keys), set LINEAR_API_KEY to it and restart the server.',
    });
  }
  const url = apiUrlOf(context.settings);
  const headers = { authorization: authorizationFor(key), 'content-type': 'application/json' };
  const init = (document: string, variables: Record<string, unknown>): RequestInit => ({
    method: 'POST',
    headers: { ...headers, accept: 'application/json' },
    body: JSON.stringify({ query: document, variables }),
  });
  return {
    async request<T>(document: string, variables: Record<string, unknown> = {}) {
      const { data } = await context.http.json<{ data: T }>(url, init(document, variables));
      return data.data;
    },
    async requestMutations<T>(document: string, variables: Record<string, unknown> = {}) {
      const response = await context.http.fetch(url, init(document, variables));
      const failure = context.http.failureOf(response);
      const text = await response.text();
      const body = (text ? JSON.parse(text) : {}) as { data?: T | null; errors?: Array<{ path?: unknown[] }> };
      if (!failure && body.data) return { data: body.data };
      const path = body.errors?.[0]?.path?.[0];
      if (!failure) throw new InvalidInputError('Linear answered without data', { hint: 'Retry; if it persists, check LINEAR_API_URL.' });
      return { failure, failedField: typeof path === 'string' ? path : undefined };
    },
  };
}

import { InvalidInputError, isLoopback, type ServerContext, type UpstreamError } from '@toolbridge/core';
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

/** Where the key comes from: LINEAR_API_KEY, else what `toolbridge login linear` stored. */
export const linearCredential = {
  service: 'linear',
  title: 'Linear',
  env: ['LINEAR_API_KEY'],
  howToGet: 'Create a personal API key in Linear: Settings → Account → Security & access → Personal API keys.',
} as const;

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
  const url = apiUrlOf(context.settings);
  // Read per request: a stored OAuth token may be refreshed between calls (and core swaps it after a 401).
  const init = async (document: string, variables: Record<string, unknown>): Promise<RequestInit> => ({
    method: 'POST',
    headers: {
      authorization: authorizationFor((await context.credentials.require()).token.trim()),
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({ query: document, variables }),
  });
  return {
    async request<T>(document: string, variables: Record<string, unknown> = {}) {
      const { data } = await context.http.json<{ data: T }>(url, await init(document, variables));
      return data.data;
    },
    async requestMutations<T>(document: string, variables: Record<string, unknown> = {}) {
      const response = await context.http.fetch(url, await init(document, variables));
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

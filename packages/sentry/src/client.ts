import { InvalidInputError, isLoopback, type ServerContext } from '@toolbridge/core';
import { nextCursorFromLink } from './lib/pagination.js';
import type { SentrySettings } from './settings.js';

const DEFAULT_URL = 'https://sentry.io';

/** A query string value; arrays repeat the key (`project=1&project=2`), as Sentry reads them. */
export type QueryValue = string | number | boolean | ReadonlyArray<string | number> | undefined;
export type Query = Record<string, QueryValue>;

export interface Page<T> {
  data: T;
  /** The cursor of the next page, when Sentry says it has results. */
  nextCursor: string | undefined;
  /** X-Hits: how many results the search matched in all, when Sentry says. */
  hits: number | undefined;
}

export interface SentryClient {
  /** Sentry's address, e.g. https://sentry.io or https://sentry.example.com (no trailing slash, no /api/0). */
  baseUrl: string;
  get<T>(path: string, query?: Query): Promise<Page<T>>;
  /** A GET whose absence is an answer: undefined on 404, or 400 from a Sentry too old for the endpoint. */
  getOptional<T>(path: string, query?: Query): Promise<T | undefined>;
  put<T>(path: string, body: Record<string, unknown>): Promise<T>;
}

/** Sentry's base URL from SENTRY_URL, or SENTRY_HOST (a host name, as sentry-mcp takes it). */
export function baseUrlOf(settings: SentrySettings): string {
  const raw = settings.url ?? (settings.host ? `https://${settings.host.replace(/^https?:\/\//, '')}` : DEFAULT_URL);
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !isLoopback(url.hostname)) {
    throw new InvalidInputError(`SENTRY_URL must use https (plain http only for loopback), got ${url.origin}`, {
      hint: 'Set SENTRY_URL to the https address of your Sentry, e.g. https://sentry.example.com.',
    });
  }
  // People paste the API root or a page of the web UI; the API lives under /api/0 of the base.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api(\/0)?$/, '');
  return `${url.origin}${path}`;
}

/** The server's credential: these variables, else what `toolbridge login sentry` stored. */
export const sentryCredential = { service: 'sentry', title: 'Sentry', env: ['SENTRY_AUTH_TOKEN', 'SENTRY_ACCESS_TOKEN'] } as const;

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The Sentry client (the `client` service): REST calls under /api/0 through core's sandboxed HTTP.
 * Without a token it fails with what to set (the server still starts and lists its tools). After a
 * write, reads skip core's cache for its TTL so a model never reads back its own stale change.
 */
export function createClient(context: ServerContext<SentrySettings>): SentryClient {
  const baseUrl = baseUrlOf(context.settings);
  // Read at each call: without one it fails with what to set or run; a refreshed token replaces the old.
  const headers = async () => ({ authorization: `Bearer ${(await context.credentials.require()).token}`, accept: 'application/json' });
  let freshUntil = 0;
  const readInit = async (): Promise<RequestInit> =>
    // Core's cache honours fetch's standard `cache: 'no-store'` (absent from Node's RequestInit type).
    Date.now() < freshUntil ? ({ headers: await headers(), cache: 'no-store' } as RequestInit) : { headers: await headers() };
  const url = (path: string, query?: Query) => `${baseUrl}/api/0${path}${queryString(query)}`;

  return {
    baseUrl,
    async get<T>(path: string, query?: Query) {
      const { data, response } = await context.http.json<T>(url(path, query), await readInit());
      const hits = Number(response.headers.get('x-hits'));
      return {
        data,
        nextCursor: nextCursorFromLink(response.headers.get('link')),
        hits: Number.isFinite(hits) && response.headers.has('x-hits') ? hits : undefined,
      };
    },
    async getOptional<T>(path: string, query?: Query) {
      const response = await context.http.fetch(url(path, query), await readInit());
      const failure = context.http.failureOf(response);
      if (failure?.kind === 'not_found' || failure?.kind === 'bad_input') return undefined;
      if (failure) throw failure;
      const text = await response.text();
      return text ? (JSON.parse(text) as T) : undefined;
    },
    async put<T>(path: string, body: Record<string, unknown>) {
      freshUntil = Date.now() + context.config.globalSettings.cacheTTL * 1000;
      const { data } = await context.http.json<T>(url(path), {
        method: 'PUT',
        headers: { ...(await headers()), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return data;
    },
  };
}

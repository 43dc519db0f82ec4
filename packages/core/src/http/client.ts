import type { CoreConfig } from '../config/schema.js';
import { PolicyError, RateLimitError, TimeoutError, ToolbridgeError } from '../errors.js';
import { sha256Hex } from '../hash.js';
import { readBodyCapped, toRequestBody } from './body.js';
import { CircuitBreaker } from './breaker.js';
import { type CachedResponse, forbidsStorage, ResponseCache } from './cache.js';
import { currentCallScope, type UpstreamCall } from './call-scope.js';
import { EgressPolicy } from './egress.js';
import { TokenBucket } from './rate-limiter.js';
import { backoffMs, errorCode, isRateLimited, requestedWaitMs, shouldRetryError, shouldRetryResponse } from './retry.js';
import { Semaphore } from './semaphore.js';
import { sleep } from './sleep.js';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  config: CoreConfig;
  /** Hosts the server talks to by default (used when security.allowedDomains is not set). */
  defaultAllowedDomains?: readonly string[];
  /** The transport underneath; tests may pass one, servers never do. */
  transport?: FetchLike;
  now?: () => number;
}

/** Response header set on a stale cache entry served because the upstream failed. */
export const STALE_HEADER = 'x-toolbridge-stale';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const NULL_BODY = new Set([101, 204, 205, 304]);

export interface HttpClient {
  /** A fetch-compatible function with the sandbox, limits, retries and cache applied: inject it into SDKs. */
  readonly fetch: FetchLike;
  /** Allows the host of an explicitly configured base URL. */
  allowBaseUrl(baseUrl: string): void;
  /** Upstream requests actually sent (not cache hits), for tests and benchmarks. */
  readonly stats: { sent: number; cacheHits: number };
}

/**
 * The one HTTP client every server uses. Order per request: body size check, egress policy, cache,
 * then per attempt: circuit breaker, rate limiter, concurrency cap, the request with its timeout,
 * manual redirects (each hop re-checked), response size cap; retries with backoff in between.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { globalSettings: settings, security } = options.config;
  const now = options.now ?? Date.now;
  const transport = options.transport ?? globalThis.fetch.bind(globalThis);
  const egress = new EgressPolicy({
    enabled: security.enableSandbox,
    allowedDomains: security.allowedDomains ?? options.defaultAllowedDomains ?? [],
    blockedDomains: security.blockedDomains,
  });
  const cache = new ResponseCache();
  const buckets = new Map<string, TokenBucket>();
  const breakers = new Map<string, CircuitBreaker>();
  const semaphore = new Semaphore(settings.maxConcurrentConnections);
  const stats = { sent: 0, cacheHits: 0 };

  const bucketFor = (host: string) => {
    let bucket = buckets.get(host);
    if (!bucket) {
      bucket = new TokenBucket(security.rateLimit.requests, security.rateLimit.window, settings.maxRetryWait, now);
      buckets.set(host, bucket);
    }
    return bucket;
  };
  const breakerFor = (host: string) => {
    let breaker = breakers.get(host);
    if (!breaker) {
      breaker = new CircuitBreaker(host, settings.circuitBreaker.failureThreshold, settings.circuitBreaker.cooldown, now);
      breakers.set(host, breaker);
    }
    return breaker;
  };

  /** One attempt: the request and any redirects, each hop checked against the egress policy. */
  async function send(url: URL, method: string, headers: Headers, body: Uint8Array | string | undefined, signal: AbortSignal) {
    let current = url;
    let currentMethod = method;
    let currentBody = body;
    for (let hop = 0; ; hop++) {
      egress.check(current);
      stats.sent += 1;
      const response = await transport(current, {
        method: currentMethod,
        headers,
        body: currentBody,
        redirect: 'manual',
        signal,
      });
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location || hop >= MAX_REDIRECTS) {
        return { response, body: await readBodyCapped(response, security.maxResponseSize, current.host) };
      }
      await response.body?.cancel();
      const next = new URL(location, current);
      if (next.origin !== current.origin) headers.delete('authorization');
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && currentMethod === 'POST')) {
        currentMethod = 'GET';
        currentBody = undefined;
      }
      current = next;
    }
  }

  async function sandboxedFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input));
    const method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers ?? request?.headers);
    const body = await toRequestBody(init.body ?? (request ? await request.arrayBuffer() : undefined), headers);
    const bodySize = typeof body === 'string' ? Buffer.byteLength(body) : (body?.byteLength ?? 0);
    if (bodySize > security.maxRequestSize) {
      throw new PolicyError('security.maxRequestSize', `request body of ${bodySize} bytes exceeds security.maxRequestSize (${security.maxRequestSize} bytes)`, {
        hint: 'Send less data in one call, or raise security.maxRequestSize.',
      });
    }
    egress.check(url);

    const scope = currentCallScope();
    const callerSignal = anySignal([init.signal ?? undefined, scope?.signal]);
    const record: UpstreamCall = { method, url: url.origin + url.pathname, status: null, ms: 0, attempts: 0 };
    scope?.calls.push(record);
    const started = now();
    const finish = (response: Response, cacheNote?: UpstreamCall['cache']) => {
      record.status = response.status;
      record.ms = now() - started;
      if (cacheNote) record.cache = cacheNote;
      return response;
    };

    const cacheable = method === 'GET' && settings.cacheEnabled && settings.cacheTTL > 0 && (init as { cache?: string }).cache !== 'no-store';
    const cacheKey = cacheable ? cacheKeyFor(url, headers) : '';
    const cached = cacheable ? cache.get(cacheKey) : undefined;
    if (cached && cached.expiresAt > now()) {
      stats.cacheHits += 1;
      return finish(toResponse(cached), 'hit');
    }
    if (cached?.etag) headers.set('if-none-match', cached.etag);
    else if (cached?.lastModified) headers.set('if-modified-since', cached.lastModified);

    const serveStale = (reason: unknown): Response => {
      if (!cached) throw reason;
      scope?.staleSources.push(`${url.host}${url.pathname}`);
      const response = toResponse(cached);
      response.headers.set(STALE_HEADER, '1');
      return finish(response, 'stale');
    };

    const host = url.host;
    const breaker = breakerFor(host);
    for (let attempt = 0; ; attempt++) {
      record.attempts = attempt + 1;
      const mayRetry = attempt < settings.retryAttempts;
      try {
        breaker.admit();
      } catch (error) {
        return serveStale(error);
      }
      await bucketFor(host).take(host, callerSignal);
      const release = await semaphore.acquire(callerSignal);
      const timeout = AbortSignal.timeout(settings.connectionTimeout);
      let outcome: { response: Response; body: Uint8Array | null };
      try {
        outcome = await send(url, method, headers, body, anySignal([callerSignal, timeout])!);
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        if (error instanceof ToolbridgeError) throw error;
        breaker.failed();
        const failure = timeout.aborted
          ? new TimeoutError(`${host} did not answer within ${settings.connectionTimeout} ms`, {
              hint: 'Retry later, or raise globalSettings.connectionTimeout.',
            })
          : new ToolbridgeError(`could not reach ${host}: ${errorCode(error) ?? (error as Error).message}`, {
              hint: 'Check the network and the configured base URL.',
              cause: error,
            });
        if (mayRetry && shouldRetryError(method, error)) {
          await sleep(backoffMs(attempt), callerSignal);
          continue;
        }
        return serveStale(failure);
      } finally {
        release();
      }

      const { response: raw, body: rawBody } = outcome;
      if (raw.status >= 500) breaker.failed();
      else breaker.succeeded();

      if (raw.status === 304 && cached) {
        cached.expiresAt = now() + settings.cacheTTL * 1000;
        return finish(toResponse(cached), 'revalidated');
      }
      const response = rebuild(raw, rawBody);

      if (shouldRetryResponse(method, raw)) {
        const requested = requestedWaitMs(raw, now());
        const wait = requested ?? backoffMs(attempt);
        if (mayRetry && wait <= settings.maxRetryWait) {
          await sleep(wait, callerSignal);
          continue;
        }
        if (raw.status >= 500 && cached) return serveStale(new Error(`status ${raw.status}`));
        if (isRateLimited(raw) && requested !== undefined && requested > settings.maxRetryWait) {
          const seconds = Math.ceil(requested / 1000);
          throw new RateLimitError(`${host} rate limit exhausted; it resets at ${new Date(now() + requested).toISOString()} (in ${seconds} s)`, seconds, {
            hint: `Retry after ${seconds} s.`,
          });
        }
        return finish(response);
      }

      if (cacheable && raw.ok && rawBody && !forbidsStorage(raw.headers)) {
        cache.set(cacheKey, {
          status: raw.status,
          statusText: raw.statusText,
          headers: [...response.headers],
          body: rawBody,
          expiresAt: now() + settings.cacheTTL * 1000,
          etag: raw.headers.get('etag') ?? undefined,
          lastModified: raw.headers.get('last-modified') ?? undefined,
        });
      }
      return finish(response);
    }
  }

  return {
    fetch: sandboxedFetch,
    allowBaseUrl: (baseUrl) => egress.allowBaseUrl(baseUrl),
    stats,
  };
}

/** The credential identity is hashed: the key never holds the token itself. */
function cacheKeyFor(url: URL, headers: Headers): string {
  const identity = sha256Hex(headers.get('authorization') ?? '', 16);
  return `${identity} ${headers.get('accept') ?? ''} ${url.href}`;
}

function toResponse(entry: CachedResponse): Response {
  return new Response(NULL_BODY.has(entry.status) ? null : entry.body.slice(), {
    status: entry.status,
    statusText: entry.statusText,
    headers: entry.headers,
  });
}

function rebuild(response: Response, body: Uint8Array | null): Response {
  const headers = new Headers(response.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(NULL_BODY.has(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

function anySignal(signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}

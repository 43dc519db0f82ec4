import type { CoreConfig } from '../config/schema.js';
import { quoteUpstream } from '../describe-error.js';
import { PolicyError, RateLimitError, TimeoutError, ToolbridgeError, UpstreamError } from '../errors.js';
import { sha256Hex } from '../hash.js';
import { type Classification, classifyStatus, type UpstreamAdapter } from '../upstream.js';
import { badAnswer, readAnswer } from './answer.js';
import { readBodyCapped, toRequestBody } from './body.js';
import { CircuitBreaker } from './breaker.js';
import { type CachedResponse, forbidsStorage, ResponseCache } from './cache.js';
import { type CallScope, currentCallScope, type UpstreamCall } from './call-scope.js';
import { EgressPolicy } from './egress.js';
import { proxiedTransport, proxyRefusal, proxyRoute } from './proxy.js';
import { TokenBucket } from './rate-limiter.js';
import { backoffMs, errorCode, isIdempotent, shouldRetryError } from './retry.js';
import { Semaphore } from './semaphore.js';
import { sleep } from './sleep.js';
import { assertNoDotSegments } from './url-path.js';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  config: CoreConfig;
  /** Hosts the server talks to by default (used when security.allowedDomains is not set). */
  defaultAllowedDomains?: readonly string[];
  /** The server's upstream: its name in messages, and how to read its answers (rate limits, failures). */
  upstream?: Pick<UpstreamAdapter, 'service' | 'classify'>;
  /** The transport underneath; tests may pass one, servers never do. */
  transport?: FetchLike;
  /**
   * After a 401 to a request that carried a token: a fresh token to retry with once (an OAuth refresh),
   * or undefined.
   */
  afterUnauthorized?: (token: string) => Promise<string | undefined>;
  /** Where the proxy variables are read (the server's environment). */
  env?: NodeJS.ProcessEnv;
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
  /**
   * fetch, then the body as JSON. An answer the upstream's adapter reads as a failure (an error status,
   * Slack's `ok: false`, GraphQL errors) is thrown as an UpstreamError with the upstream's own words.
   */
  json<T = unknown>(input: string | URL, init?: RequestInit): Promise<{ data: T; response: Response }>;
  /** The failure an answer from `fetch` stands for, as the adapter read it; undefined when it succeeded. */
  failureOf(response: Response): UpstreamError | undefined;
  /** Allows the origin of an explicitly configured base URL. */
  allowBaseUrl(baseUrl: string): void;
  /** Upstream requests actually sent (not cache hits), for tests and benchmarks. */
  readonly stats: { sent: number; cacheHits: number };
}

interface Sent {
  response: Response;
  body: Uint8Array | null;
  url: URL;
}

/**
 * The one HTTP client every server uses. Order per request: body size check, path and egress checks,
 * cache, then per attempt: circuit breaker, rate limiter, concurrency cap, the request with its timeout,
 * manual redirects (each hop re-checked), response size cap, the adapter's reading of the answer;
 * retries with backoff in between, never past the call's deadline.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { globalSettings: settings, security } = options.config;
  const now = options.now ?? Date.now;
  const route = proxyRoute(security, options.env ?? process.env);
  const transport = options.transport ?? (route ? proxiedTransport(route) : globalThis.fetch.bind(globalThis));
  const service = options.upstream?.service;
  const egress = new EgressPolicy({
    enabled: security.enableSandbox,
    allowedDomains: security.allowedDomains ?? options.defaultAllowedDomains ?? [],
    blockedDomains: security.blockedDomains,
  });
  const cache = new ResponseCache();
  const buckets = new Map<string, TokenBucket>();
  const breakers = new Map<string, CircuitBreaker>();
  const semaphore = new Semaphore(settings.maxConcurrentConnections);
  const classified = new WeakMap<Response, Classification>();
  const stats = { sent: 0, cacheHits: 0 };

  const perHost = <T>(map: Map<string, T>, host: string, make: () => T): T => {
    let value = map.get(host);
    if (!value) {
      value = make();
      map.set(host, value);
    }
    return value;
  };
  const bucketFor = (host: string) =>
    perHost(buckets, host, () => new TokenBucket(security.rateLimit.requests, security.rateLimit.window, settings.maxRetryWait, now));
  const breakerFor = (host: string) =>
    perHost(breakers, host, () => new CircuitBreaker(host, settings.circuitBreaker.failureThreshold, settings.circuitBreaker.cooldown, now));
  const label = (host: string) => service ?? host;

  /** One attempt: the request and any redirects, each hop checked against the egress policy. */
  async function send(url: URL, method: string, headers: Headers, body: Uint8Array | string | undefined, signal: AbortSignal): Promise<Sent> {
    let current = url;
    let currentMethod = method;
    let currentBody = body;
    for (let hop = 0; ; hop++) {
      egress.check(current);
      stats.sent += 1;
      const response = await transport(current, { method: currentMethod, headers, body: currentBody, redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location) {
        return { response, body: await readBodyCapped(response, security.maxResponseSize, current.host), url: current };
      }
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) {
        throw new UpstreamError(
          label(url.host),
          response.status,
          `it redirected more than ${MAX_REDIRECTS} times (a redirect loop), last to ${new URL(location, current).origin}`,
          {
            kind: 'bad_answer',
          },
        );
      }
      const next = new URL(location, current);
      if (next.origin !== current.origin) headers.delete('authorization');
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && currentMethod === 'POST')) {
        currentMethod = 'GET';
        currentBody = undefined;
      }
      current = next;
    }
  }

  function classify(method: string, sent: Sent, accept: string | null): Classification {
    const answer = readAnswer(method, sent.url, sent.response, sent.body);
    return options.upstream?.classify?.(answer) ?? badAnswer(answer, accept) ?? classifyStatus(answer, now());
  }

  async function sandboxedFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const request = input instanceof Request ? input : undefined;
    const raw = request ? request.url : String(input);
    assertNoDotSegments(raw);
    const url = new URL(raw);
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
    const deadline = scope?.deadline ?? Number.POSITIVE_INFINITY;
    /** Waits before another attempt, or says why it cannot: the wait would outlast the call's deadline. */
    const waitOrGiveUp = async (waitMs: number, why: string, attempt: number): Promise<boolean> => {
      if (now() + waitMs >= deadline) return false;
      if (waitMs >= 1_000) scope?.progress?.(`${why}: waiting ${Math.ceil(waitMs / 1000)} s before attempt ${attempt + 2} of ${settings.retryAttempts + 1}`);
      await sleep(waitMs, callerSignal);
      return true;
    };

    let reauthorized = false;
    for (let attempt = 0; ; attempt++) {
      record.attempts = attempt + 1;
      const mayRetry = attempt < settings.retryAttempts;
      const remaining = deadline - now();
      if (remaining <= 0) throw outOfTime(host, scope);
      try {
        breaker.admit();
      } catch (error) {
        return serveStale(error);
      }
      await bucketFor(host).take(host, callerSignal);
      const release = await semaphore.acquire(callerSignal);
      const attemptTime = Math.min(settings.connectionTimeout, remaining);
      const timeout = AbortSignal.timeout(attemptTime);
      let sent: Sent;
      try {
        sent = await send(url, method, headers, body, anySignal([callerSignal, timeout])!);
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        if (error instanceof ToolbridgeError) throw error;
        if (!scope?.background) breaker.failed();
        const failure = timeout.aborted
          ? attemptTime < settings.connectionTimeout
            ? outOfTime(host, scope)
            : new TimeoutError(`${host} did not answer within ${settings.connectionTimeout} ms`, {
                hint: 'Retry later, or raise globalSettings.connectionTimeout.',
              })
          : new ToolbridgeError(`could not reach ${host}: ${proxyRefusal(error) ?? errorCode(error) ?? (error as Error).message}`, {
              hint: route
                ? 'Check the network, the proxy settings (HTTPS_PROXY, NO_PROXY or security.proxy) and the configured base URL.'
                : 'Check the network and the configured base URL.',
              cause: error,
            });
        if (mayRetry && shouldRetryError(method, error) && (await waitOrGiveUp(backoffMs(attempt), `${host} did not answer`, attempt))) continue;
        return serveStale(failure);
      } finally {
        release();
      }

      const { response: raw, body: rawBody } = sent;
      if (raw.status === 304 && cached) {
        breaker.succeeded();
        cached.expiresAt = now() + settings.cacheTTL * 1000;
        return finish(toResponse(cached), 'revalidated');
      }
      const verdict = classify(method, sent, headers.get('accept'));
      if (raw.status === 401 && !reauthorized && (await reauthorize(headers))) {
        reauthorized = true;
        continue;
      }
      if (verdict.kind === 'unavailable' || verdict.kind === 'bad_answer') {
        if (!scope?.background) breaker.failed();
      } else breaker.succeeded();
      const response = rebuild(raw, rawBody, sent.url);
      classified.set(response, verdict);

      if (verdict.kind === 'rate_limited') {
        // The upstream did not process a rate-limited request, so even a POST may be sent again.
        const wait = verdict.waitMs ?? backoffMs(attempt);
        if (mayRetry && wait <= settings.maxRetryWait && (await waitOrGiveUp(wait, `${label(host)} rate limit`, attempt))) continue;
        if (verdict.waitMs !== undefined) throw rateLimited(host, verdict.waitMs, deadline, verdict.message);
        return finish(response);
      }
      if (verdict.kind === 'unavailable' || verdict.kind === 'bad_answer') {
        const wait = verdict.waitMs ?? backoffMs(attempt);
        if (mayRetry && isIdempotent(method) && wait <= settings.maxRetryWait && (await waitOrGiveUp(wait, `${label(host)} failed (${raw.status})`, attempt))) {
          continue;
        }
        if (cached) return serveStale(new Error(`status ${raw.status}`));
        if (verdict.kind === 'bad_answer') throw failureFrom(host, raw.status, verdict);
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

  /** Swaps a refused token for a refreshed one in the Authorization header; false when there is none. */
  async function reauthorize(headers: Headers): Promise<boolean> {
    const header = headers.get('authorization');
    const match = header && /^(\S+)\s+(\S+)$/.exec(header);
    if (!match || !options.afterUnauthorized) return false;
    const fresh = await options.afterUnauthorized(match[2]!);
    if (!fresh) return false;
    headers.set('authorization', `${match[1]} ${fresh}`);
    return true;
  }

  function rateLimited(host: string, waitMs: number, deadline: number, said?: string): RateLimitError {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    const detail = said ? ` (${quoteUpstream(said, label(host))})` : '';
    const resets = `it resets at ${new Date(now() + waitMs).toISOString()} (in ${seconds} s)`;
    const longerThanCall = now() + waitMs >= deadline;
    return new RateLimitError(
      longerThanCall && waitMs <= settings.maxRetryWait
        ? `${label(host)} rate limit reached${detail}; ${resets}, later than this call may wait`
        : `${label(host)} rate limit exhausted${detail}; ${resets}`,
      seconds,
      { hint: `Retry after ${seconds} s.` },
    );
  }

  function failureFrom(host: string, status: number, verdict: Classification): UpstreamError {
    const kind = verdict.kind === 'ok' ? 'failed' : verdict.kind;
    return new UpstreamError(label(host), status, verdict.message ?? '', {
      kind,
      ...(verdict.code ? { code: verdict.code } : {}),
      ...(verdict.hint ? { hint: verdict.hint } : {}),
      ...(verdict.waitMs !== undefined ? { retryAfterSeconds: Math.ceil(verdict.waitMs / 1000) } : {}),
    });
  }

  const failureOf = (response: Response): UpstreamError | undefined => {
    const verdict = classified.get(response) ?? classifyStatus(response, now());
    return verdict.kind === 'ok' ? undefined : failureFrom(new URL(response.url || 'http://upstream').host, response.status, verdict);
  };

  return {
    fetch: sandboxedFetch,
    async json<T>(input: string | URL, init?: RequestInit) {
      const headers = new Headers(init?.headers);
      if (!headers.has('accept')) headers.set('accept', 'application/json');
      const response = await sandboxedFetch(input, { ...init, headers });
      const failure = failureOf(response);
      if (failure) throw failure;
      const text = await response.text();
      return { data: (text ? JSON.parse(text) : undefined) as T, response };
    },
    failureOf,
    allowBaseUrl: (baseUrl) => egress.allowBaseUrl(baseUrl),
    stats,
  };
}

function outOfTime(host: string, scope: CallScope | undefined): TimeoutError {
  return new TimeoutError(`the call ran out of time while waiting for ${host}`, {
    hint: `It stopped at its deadline (globalSettings.callTimeout${scope?.calls.length ? `, after ${scope.calls.length} upstream request(s)` : ''}); retry, narrow the request, or raise globalSettings.callTimeout.`,
  });
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

function rebuild(response: Response, body: Uint8Array | null, url: URL): Response {
  const headers = new Headers(response.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  const rebuilt = new Response(NULL_BODY.has(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  // A constructed Response has an empty, read-only url; failureOf names the host from it.
  Object.defineProperty(rebuilt, 'url', { value: url.href });
  return rebuilt;
}

function anySignal(signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}

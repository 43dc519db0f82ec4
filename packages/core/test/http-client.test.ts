import { type FakeUpstream, startFakeUpstream } from '@toolbridge/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type CallScope, runInCallScope } from '../src/http/call-scope.js';
import { createHttpClient, STALE_HEADER } from '../src/http/client.js';
import { testConfig } from './helpers.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const fast = { retryAttempts: 3, maxRetryWait: 5_000, cacheEnabled: false };

describe('egress policy', () => {
  it('refuses a host outside allowedDomains before any request leaves', async () => {
    const http = createHttpClient({ config: testConfig(), defaultAllowedDomains: ['api.github.com'] });
    await expect(http.fetch('https://evil.example.com/steal')).rejects.toThrow(/egress to evil\.example\.com is not allowed by security\.allowedDomains/);
    expect(http.stats.sent).toBe(0);
  });

  it('allows wildcard subdomains, blocks blockedDomains, and refuses plain http off loopback', async () => {
    const http = createHttpClient({
      config: testConfig({ security: { allowedDomains: ['*.sentry.io'], blockedDomains: ['bad.sentry.io'] } }),
      transport: async () => new Response('ok'),
    });
    await expect(http.fetch('https://us.sentry.io/api')).resolves.toBeInstanceOf(Response);
    await expect(http.fetch('https://sentry.io/api')).rejects.toThrow(/not allowed by security.allowedDomains/);
    await expect(http.fetch('https://bad.sentry.io/api')).rejects.toThrow(/blocked by security.blockedDomains/);
    await expect(http.fetch('http://us.sentry.io/api')).rejects.toThrow(/only https is/);
  });

  it('allows the host of an explicitly configured base URL, and re-checks every redirect hop', async () => {
    fake = await startFakeUpstream({
      'GET /hop': () => ({ status: 302, headers: { location: 'https://elsewhere.example.net/x' } }),
      'GET /ok': () => ({ body: { ok: true } }),
    });
    const http = createHttpClient({ config: testConfig({ globalSettings: fast }) });
    await expect(http.fetch(`${fake.url}/ok`)).rejects.toThrow(/not allowed/);
    http.allowBaseUrl(fake.url);
    expect(await (await http.fetch(`${fake.url}/ok`)).json()).toEqual({ ok: true });
    await expect(http.fetch(`${fake.url}/hop`)).rejects.toThrow(/egress to elsewhere\.example\.net is not allowed/);
  });
});

describe('retries', () => {
  it('retries a 429 after its Retry-After and succeeds', async () => {
    let calls = 0;
    fake = await startFakeUpstream({
      'GET /limited': () => (++calls === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } } : { body: { ok: true } }),
    });
    const http = createHttpClient({ config: testConfig({ globalSettings: fast }) });
    http.allowBaseUrl(fake.url);
    const started = Date.now();
    const response = await http.fetch(`${fake.url}/limited`);
    expect(response.status).toBe(200);
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a POST after a 429 but never after a 503 (it may have been processed)', async () => {
    let posts = 0;
    fake = await startFakeUpstream({
      'POST /limited': () => (++posts === 1 ? { status: 429, headers: { 'retry-after': '0' } } : { status: 201, body: {} }),
      'POST /broken': () => ({ status: 503, body: { message: 'down' } }),
    });
    const http = createHttpClient({ config: testConfig({ globalSettings: fast }) });
    http.allowBaseUrl(fake.url);
    expect((await http.fetch(`${fake.url}/limited`, { method: 'POST', body: '{}' })).status).toBe(201);
    expect((await http.fetch(`${fake.url}/broken`, { method: 'POST', body: '{}' })).status).toBe(503);
    expect(fake.requests.filter((request) => request.path === '/broken')).toHaveLength(1);
  });

  it('fails with the reset time when the upstream asks for a longer wait than allowed', async () => {
    fake = await startFakeUpstream({
      'GET /exhausted': () => ({ status: 429, headers: { 'retry-after': '3600' }, body: { message: 'API rate limit exceeded' } }),
    });
    const http = createHttpClient({ config: testConfig({ globalSettings: fast }) });
    http.allowBaseUrl(fake.url);
    await expect(http.fetch(`${fake.url}/exhausted`)).rejects.toThrow(/rate limit exhausted; it resets at .* \(in \d+ s\)/);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('circuit breaker', () => {
  it('opens after a 503 storm, fails fast, and closes after a successful probe', async () => {
    let healthy = false;
    fake = await startFakeUpstream({ 'GET /flaky': () => (healthy ? { body: { ok: true } } : { status: 503, body: { message: 'unavailable' } }) });
    const http = createHttpClient({
      config: testConfig({ globalSettings: { ...fast, retryAttempts: 0, circuitBreaker: { failureThreshold: 3, cooldown: 300 } } }),
    });
    http.allowBaseUrl(fake.url);
    for (let i = 0; i < 3; i++) expect((await http.fetch(`${fake.url}/flaky`)).status).toBe(503);
    await expect(http.fetch(`${fake.url}/flaky`)).rejects.toThrow(/127\.0\.0\.1:\d+ is unavailable .*retry in 1 s/);
    expect(fake.requests).toHaveLength(3);
    healthy = true;
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await http.fetch(`${fake.url}/flaky`)).status).toBe(200);
    expect((await http.fetch(`${fake.url}/flaky`)).status).toBe(200);
    expect(fake.requests).toHaveLength(5);
  });
});

describe('rate limiter', () => {
  it('spaces requests with a token bucket instead of failing', async () => {
    fake = await startFakeUpstream({ 'GET /tick': () => ({ body: { t: Date.now() } }) });
    const http = createHttpClient({ config: testConfig({ globalSettings: fast, security: { rateLimit: { requests: 2, window: 1000 } } }) });
    http.allowBaseUrl(fake.url);
    const started = Date.now();
    const times = await Promise.all(
      Array.from({ length: 5 }, async () => {
        await http.fetch(`${fake!.url}/tick`);
        return Date.now() - started;
      }),
    );
    times.sort((a, b) => a - b);
    expect(times[1]!).toBeLessThan(300);
    // 3 more tokens at 2 per second: ~500, ~1000, ~1500 ms.
    expect(times[2]!).toBeGreaterThanOrEqual(450);
    expect(times[4]!).toBeGreaterThanOrEqual(1400);
  });
});

describe('cache', () => {
  const cached = { cacheEnabled: true, cacheTTL: 60, retryAttempts: 0 };

  it('serves a hit without a request, keyed by credential', async () => {
    fake = await startFakeUpstream({ 'GET /thing': (request) => ({ body: { for: request.headers.authorization } }) });
    const http = createHttpClient({ config: testConfig({ globalSettings: cached }) });
    http.allowBaseUrl(fake.url);
    const get = (token: string) => http.fetch(`${fake!.url}/thing`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
    expect(await get('one')).toEqual({ for: 'Bearer one' });
    expect(await get('one')).toEqual({ for: 'Bearer one' });
    expect(await get('two')).toEqual({ for: 'Bearer two' });
    expect(fake.requests).toHaveLength(2);
    expect(http.stats.cacheHits).toBe(1);
  });

  it('respects Cache-Control: no-store and never caches errors', async () => {
    let n = 0;
    fake = await startFakeUpstream({
      'GET /private': () => ({ headers: { 'cache-control': 'no-store' }, body: { n: ++n } }),
      'GET /error': () => ({ status: 404, body: { message: 'nope' } }),
    });
    const http = createHttpClient({ config: testConfig({ globalSettings: cached }) });
    http.allowBaseUrl(fake.url);
    await http.fetch(`${fake.url}/private`);
    expect(await (await http.fetch(`${fake.url}/private`)).json()).toEqual({ n: 2 });
    await http.fetch(`${fake.url}/error`);
    await http.fetch(`${fake.url}/error`);
    expect(fake.requests).toHaveLength(4);
  });

  it('revalidates with the ETag once expired, and serves a stale entry when the upstream fails', async () => {
    let now = 1_000_000;
    let mode: 'ok' | 'down' = 'ok';
    fake = await startFakeUpstream({
      'GET /doc': (request) => {
        if (mode === 'down') return { status: 503, body: { message: 'down' } };
        if (request.headers['if-none-match'] === '"v1"') return { status: 304, headers: { etag: '"v1"' } };
        return { headers: { etag: '"v1"' }, body: { version: 1 } };
      },
    });
    const http = createHttpClient({ config: testConfig({ globalSettings: cached }), now: () => now });
    http.allowBaseUrl(fake.url);
    expect(await (await http.fetch(`${fake.url}/doc`)).json()).toEqual({ version: 1 });
    now += 61_000;
    expect(await (await http.fetch(`${fake.url}/doc`)).json()).toEqual({ version: 1 });
    expect(fake.requests[1]!.headers['if-none-match']).toBe('"v1"');
    now += 61_000;
    mode = 'down';
    const scope: CallScope = { signal: undefined, calls: [], staleSources: [] };
    const stale = await runInCallScope(scope, () => http.fetch(`${fake!.url}/doc`));
    expect(stale.status).toBe(200);
    expect(stale.headers.get(STALE_HEADER)).toBe('1');
    expect(await stale.json()).toEqual({ version: 1 });
    expect(scope.staleSources).toHaveLength(1);
    expect(scope.calls[0]).toMatchObject({ method: 'GET', cache: 'stale' });
  });
});

describe('limits', () => {
  it('refuses request bodies over maxRequestSize and responses over maxResponseSize', async () => {
    fake = await startFakeUpstream({ 'GET /big': () => ({ body: 'x'.repeat(5000) }), 'POST /echo': () => ({ body: {} }) });
    const http = createHttpClient({ config: testConfig({ globalSettings: fast, security: { maxRequestSize: '1KB', maxResponseSize: '4KB' } }) });
    http.allowBaseUrl(fake.url);
    await expect(http.fetch(`${fake.url}/echo`, { method: 'POST', body: 'y'.repeat(2000) })).rejects.toThrow(/exceeds security.maxRequestSize \(1024 bytes\)/);
    await expect(http.fetch(`${fake.url}/big`)).rejects.toThrow(/exceeds security.maxResponseSize/);
    expect(fake.requests.map((request) => request.path)).toEqual(['/big']);
  });

  it('times out a slow upstream with connectionTimeout, and cancels through the caller signal', async () => {
    fake = await startFakeUpstream({ 'GET /slow': () => new Promise((resolve) => setTimeout(() => resolve({ body: {} }), 2_000)) });
    const http = createHttpClient({ config: testConfig({ globalSettings: { ...fast, retryAttempts: 0, connectionTimeout: 200 } }) });
    http.allowBaseUrl(fake.url);
    await expect(http.fetch(`${fake.url}/slow`)).rejects.toThrow(/did not answer within 200 ms/);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled by the client')), 100);
    await expect(http.fetch(`${fake.url}/slow`, { signal: controller.signal })).rejects.toThrow(/cancelled by the client/);
  });

  it('caps concurrent requests at maxConcurrentConnections', async () => {
    let active = 0;
    let peak = 0;
    fake = await startFakeUpstream({
      'GET /work': async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 50));
        active--;
        return { body: {} };
      },
    });
    const http = createHttpClient({ config: testConfig({ globalSettings: { ...fast, maxConcurrentConnections: 2 } }) });
    http.allowBaseUrl(fake.url);
    await Promise.all(Array.from({ length: 6 }, () => http.fetch(`${fake!.url}/work`)));
    expect(peak).toBe(2);
  });
});

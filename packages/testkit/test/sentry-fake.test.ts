import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSentry, sentryApi, sentryRateLimit, startFakeSentry } from '../src/index.js';

const TOKEN = 'sntrys_fakeTestToken0123456789';
let fake: FakeSentry;
beforeAll(async () => {
  fake = await startFakeSentry({ token: TOKEN, feedbackPageSize: 2 });
});
afterAll(async () => {
  await fake?.close();
});

const get = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${fake.url}/api/0${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...init.headers } });
  // biome-ignore lint/suspicious/noExplicitAny: the fake's JSON, read field by field
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};

describe('the fake Sentry', () => {
  it("answers every route with bodies that match Sentry's published schemas", async () => {
    const paths = [
      '/organizations/',
      '/organizations/acme/issues/?query=is:unresolved&statsPeriod=14d&project=11&limit=2&sort=freq&collapse=stats',
      '/organizations/acme/issues/1001/',
      '/organizations/acme/issues/1001/events/?per_page=2',
      '/organizations/acme/issues/1001/events/latest/',
      '/organizations/acme/issues/2001/events/oldest/',
      '/organizations/acme/shortids/WEB-1/',
      `/organizations/acme/eventids/${'000000a0'.repeat(4)}/`,
      `/projects/acme/web/events/${'000000a1'.repeat(4)}/`,
      '/projects/acme/web/user-feedback/',
      '/organizations/acme/projects/?per_page=100',
      '/organizations/acme/releases/?project=11&per_page=10',
      '/organizations/acme/releases/web@1.2.0/',
      '/organizations/acme/releases/web@1.2.0/commits/',
      '/organizations/acme/releases/web@1.2.0/deploys/',
      '/organizations/acme/stats_v2/?field=sum(quantity)&groupBy=outcome&category=error&outcome=accepted&project=11&statsPeriod=48h&interval=1h',
      '/organizations/acme/sessions/?field=sum(session)&field=crash_free_rate(session)&project=11&statsPeriod=24h&interval=1d&includeSeries=0',
    ];
    for (const path of paths) expect((await get(path)).status, path).toBe(200);
    const update = await get('/organizations/acme/issues/1002/', {
      method: 'PUT',
      body: JSON.stringify({ status: 'resolved' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(update.body).toMatchObject({ id: '1002', status: 'resolved' });
    expect(fake.problems).toEqual([]);
  });

  it("refuses what Sentry's description refuses, and records it", async () => {
    const before = fake.problems.length;
    expect((await get('/organizations/acme/issues/?sort=loudest')).status).toBe(400);
    expect((await get('/organizations/acme/issues/1001/events/a1b2/')).status).toBe(400);
    expect(
      (
        await get('/organizations/acme/issues/1001/', {
          method: 'PUT',
          body: JSON.stringify({ status: 'closed' }),
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    expect((await get('/organizations/acme/no-such-thing/')).status).toBe(404);
    expect(fake.problems.slice(before)).toEqual([
      expect.stringMatching(/query parameter sort="loudest"/),
      expect.stringMatching(/path parameter event_id="a1b2"/),
      expect.stringMatching(/body \/status must be equal to one of the allowed values/),
      expect.stringMatching(/no such endpoint/),
    ]);
    // nullable without a type, and enums listing null, are rewritten rather than skipped.
    expect(
      sentryApi().requestProblems({ method: 'GET', path: '/api/0/organizations/acme/issues/', query: new URLSearchParams('limit=many'), body: '' }),
    ).toEqual([expect.stringMatching(/limit="many"/)]);
    fake.problems.length = before;
  });

  it('pages with Link cursors that say whether a page has results', async () => {
    const first = await get('/projects/acme/web/user-feedback/');
    expect(first.body).toHaveLength(2);
    const next = /rel="next"; results="true"; cursor="([^"]+)"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBe('0:2:0');
    const last = await get('/projects/acme/web/user-feedback/?cursor=0:4:0');
    expect(last.body).toHaveLength(1);
    expect(last.headers.get('link')).toMatch(/rel="previous"; results="true"; cursor="0:4:1".*rel="next"; results="false"/);
  });

  it('checks the token and sends a 429 on demand', async () => {
    expect((await fetch(`${fake.url}/api/0/organizations/`)).status).toBe(401);
    fake.queue(sentryRateLimit(2, { path: '/organizations/' }));
    const limited = await get('/organizations/');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('x-sentry-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect((await get('/organizations/')).status).toBe(200);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import {
  dripFed,
  droppedConnection,
  emptyAnswer,
  type FakeOptions,
  type FakeUpstream,
  htmlPage,
  redirectTo,
  serverError,
  slowAnswer,
  startFake,
  tokenAuth,
  tooManyRequests,
  truncatedJson,
} from '../src/index.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const items = Array.from({ length: 40 }, (_, index) => ({ id: index + 1, name: `item ${index + 1}` }));
const start = async (options: Partial<FakeOptions> = {}) => {
  fake = await startFake({ ...options, routes: { 'GET /items': () => ({ body: items }), ...options.routes } });
  return fake;
};

describe('startFake: routing and recorded requests', () => {
  it('routes by method, :param, :rest* and the any-method *, and records method, path, query, headers and parsed bodies', async () => {
    await start({
      routes: {
        'GET /repos/:owner/:repo': (request) => ({ body: request.params }),
        'GET /files/:path*': (request) => ({ body: request.params }),
        '* /api/chat.post': (request) => ({ body: { method: request.method, json: request.json, form: request.form && Object.fromEntries(request.form) } }),
      },
    });
    const { url } = fake!;
    expect(await (await fetch(`${url}/repos/octo/hello%20world`)).json()).toEqual({ owner: 'octo', repo: 'hello world' });
    expect(await (await fetch(`${url}/files/docs/a/b.md`)).json()).toEqual({ path: 'docs/a/b.md' });
    const json = await fetch(`${url}/api/chat.post?x=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-trace': 't1' }, body: '{"a":1}' });
    expect(await json.json()).toEqual({ method: 'POST', json: { a: 1 } });
    const form = await fetch(`${url}/api/chat.post`, { method: 'PUT', body: new URLSearchParams({ channel: 'C1', text: 'hi' }) });
    expect(await form.json()).toEqual({ method: 'PUT', form: { channel: 'C1', text: 'hi' } });
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);

    const [, , posted, put, missing] = fake!.requests;
    expect(posted).toMatchObject({ method: 'POST', path: '/api/chat.post', json: { a: 1 }, body: '{"a":1}', form: undefined });
    expect(posted!.query.get('x')).toBe('1');
    expect(posted!.headers['x-trace']).toBe('t1');
    expect(posted!.origin).toBe(fake!.url);
    expect(put!.form?.get('text')).toBe('hi');
    expect(put!.json).toBeUndefined();
    expect(missing).toMatchObject({ method: 'GET', path: '/nowhere' });
  });

  it('serves routes under basePath only, adds common headers (the answer’s own win) and records a failing handler as a problem', async () => {
    await start({
      basePath: '/api/v3',
      headers: () => ({ 'x-request-id': 'r1', 'x-shown': 'common' }),
      routes: {
        'GET /own': () => ({ headers: { 'x-shown': 'own' }, body: {} }),
        'GET /broken': () => {
          throw new Error('seed data missing');
        },
      },
    });
    expect((await fetch(`${fake!.url}/items`)).status).toBe(404);
    const own = await fetch(`${fake!.url}/api/v3/own`);
    expect([own.headers.get('x-request-id'), own.headers.get('x-shown')]).toEqual(['r1', 'own']);
    expect((await fetch(`${fake!.url}/api/v3/items`)).status).toBe(200);
    const broken = await fetch(`${fake!.url}/api/v3/broken`);
    expect(broken.status).toBe(500);
    expect(fake!.problems).toEqual(["GET /api/v3/broken: the fake's handler failed: Error: seed data missing"]);
  });
});

describe('startFake: auth checks', () => {
  const refusal = (error: string) => ({ status: 401, body: { error } });

  it('takes a header token with the schemes given, case-insensitively', async () => {
    await start({ auth: tokenAuth({ tokens: 'good', schemes: ['token', 'Bearer'], missing: refusal('missing'), invalid: refusal('bad') }) });
    const call = (authorization?: string) =>
      fetch(`${fake!.url}/items`, authorization ? { headers: { authorization } } : {}).then(async (response) => [
        response.status,
        ((await response.json()) as { error?: string }).error,
      ]);
    expect(await call()).toEqual([401, 'missing']);
    expect(await call('Bearer wrong')).toEqual([401, 'bad']);
    expect(await call('Basic good')).toEqual([401, 'missing']);
    expect(await call('token good')).toEqual([200, undefined]);
    expect(await call('bearer good')).toEqual([200, undefined]);
  });

  it('takes a bare key (Linear) or a token parameter in the query or body (Slack)', async () => {
    await start({
      routes: { '* /api/auth.test': () => ({ body: { ok: true } }) },
      auth: tokenAuth({ tokens: ['lin_api_key', 'xoxb-1'], schemes: ['', 'Bearer'], parameter: 'token', missing: refusal('not_authed') }),
    });
    const status = (path: string, init: RequestInit = {}) => fetch(`${fake!.url}${path}`, init).then((response) => response.status);
    expect(await status('/items', { headers: { authorization: 'lin_api_key' } })).toBe(200);
    expect(await status('/api/auth.test?token=xoxb-1')).toBe(200);
    expect(await status('/api/auth.test', { method: 'POST', body: new URLSearchParams({ token: 'xoxb-1' }) })).toBe(200);
    expect(await status('/api/auth.test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token":"xoxb-1"}' })).toBe(200);
    expect(await status('/api/auth.test?token=xoxb-2')).toBe(401);
    expect(await status('/items', { headers: { authorization: 'lin_api_other' } })).toBe(401);
  });
});

describe('startFake: faults on demand', () => {
  it('answers the next matching request(s) with a queued fault, in order, then the route again', async () => {
    await start();
    fake!.queue({ ...serverError(502), times: 2 });
    fake!.queue({ ...tooManyRequests(7), method: 'GET', path: '/items' });
    fake!.queue({ ...serverError(), path: '/elsewhere' });
    const statuses = [];
    for (let index = 0; index < 4; index++) {
      const response = await fetch(`${fake!.url}/items`);
      statuses.push([response.status, response.headers.get('retry-after')]);
    }
    expect(statuses).toEqual([
      [502, null],
      [502, null],
      [429, '7'],
      [200, null],
    ]);
  });

  it('adds headers to the route’s own answer', async () => {
    await start();
    fake!.queue({ headers: { 'x-ratelimit-remaining': '0' } });
    const response = await fetch(`${fake!.url}/items`);
    expect([response.status, response.headers.get('x-ratelimit-remaining'), await response.json()]).toEqual([200, '0', items]);
  });

  it('delays an answer or feeds it slowly, and the body still arrives whole', async () => {
    await start();
    fake!.queue(slowAnswer(300));
    let started = Date.now();
    expect(await (await fetch(`${fake!.url}/items`)).json()).toEqual(items);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    fake!.queue(dripFed(40, 200));
    started = Date.now();
    const response = await fetch(`${fake!.url}/items`);
    const chunks: number[] = [];
    for await (const chunk of response.body!) chunks.push((chunk as Uint8Array).length);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.reduce((sum, length) => sum + length, 0)).toBe(JSON.stringify(items).length);
    expect(Date.now() - started).toBeGreaterThanOrEqual(chunks.length * 30);
  });

  it('serves an HTML page with 200, truncated JSON, an empty 200 and a redirect', async () => {
    await start({ routes: { 'GET /target': () => ({ body: { arrived: true } }) } });
    fake!.queue(htmlPage());
    const html = await fetch(`${fake!.url}/items`);
    expect([html.status, html.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await html.text()).toContain('<!DOCTYPE html>');

    fake!.queue(truncatedJson());
    const cut = await (await fetch(`${fake!.url}/items`)).text();
    expect(cut).toBe(JSON.stringify(items).slice(0, Math.floor(JSON.stringify(items).length / 2)));
    expect(() => JSON.parse(cut)).toThrow();

    fake!.queue(emptyAnswer());
    const empty = await fetch(`${fake!.url}/items`);
    expect([empty.status, empty.headers.get('content-type'), await empty.text()]).toEqual([200, 'application/json; charset=utf-8', '']);

    fake!.queue(redirectTo('/target', 301));
    const redirected = await fetch(`${fake!.url}/items`);
    expect([redirected.redirected, await redirected.json()]).toEqual([true, { arrived: true }]);
    expect(fake!.requests.map((request) => request.path).slice(-2)).toEqual(['/items', '/target']);
  });

  it('drops the connection mid-answer', async () => {
    await start();
    fake!.queue(droppedConnection());
    const response = await fetch(`${fake!.url}/items`);
    await expect(response.text()).rejects.toThrow();
    expect((await fetch(`${fake!.url}/items`)).status).toBe(200);
  });
});

describe('startFake: rate limits on demand', () => {
  it('refuses requests over the limit with 429 and Retry-After until the window ends, and can be lifted', async () => {
    await start();
    fake!.rateLimit({ limit: 2, windowMs: 1_500 });
    const statuses = [];
    for (let index = 0; index < 3; index++) statuses.push((await fetch(`${fake!.url}/items`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await fetch(`${fake!.url}/items`);
    expect(limited.headers.get('retry-after')).toMatch(/^[12]$/);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect((await fetch(`${fake!.url}/items`)).status).toBe(200);
    fake!.rateLimit();
    for (let index = 0; index < 3; index++) expect((await fetch(`${fake!.url}/items`)).status).toBe(200);
  });

  it('answers as the service does when told (GitHub: 403 with a message) and only for matching requests', async () => {
    await start({ routes: { 'GET /other': () => ({ body: {} }) } });
    fake!.rateLimit({
      limit: 0,
      windowMs: 60_000,
      path: '/items',
      answer: (retryAfter) => ({ status: 403, headers: { 'retry-after': String(retryAfter) }, body: { message: 'You have exceeded a secondary rate limit.' } }),
    });
    const limited = await fetch(`${fake!.url}/items`);
    expect([limited.status, limited.headers.get('retry-after'), ((await limited.json()) as { message: string }).message]).toEqual([
      403,
      '60',
      'You have exceeded a secondary rate limit.',
    ]);
    expect((await fetch(`${fake!.url}/other`)).status).toBe(200);
  });
});

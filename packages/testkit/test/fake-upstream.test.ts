import { afterEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../src/index.js';

describe('startFakeUpstream', () => {
  let fake: FakeUpstream | undefined;
  afterEach(async () => fake?.close());

  it('routes by method and path parameters and records requests', async () => {
    fake = await startFakeUpstream({
      'GET /repos/:owner/:repo': (request) => ({ body: { full_name: `${request.params.owner}/${request.params.repo}` } }),
      'POST /items': (request) => ({ status: 201, body: { received: request.json } }),
    });
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const repo = await fetch(`${fake.url}/repos/octo/hello?x=1`).then((response) => response.json());
    expect(repo).toEqual({ full_name: 'octo/hello' });
    const created = await fetch(`${fake.url}/items`, { method: 'POST', body: JSON.stringify({ a: 1 }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ received: { a: 1 } });
    const missing = await fetch(`${fake.url}/nope`);
    expect(missing.status).toBe(404);
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /repos/octo/hello', 'POST /items', 'GET /nope']);
    expect(fake.requests[0]!.query.get('x')).toBe('1');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeLinear, startFakeLinear } from '../src/index.js';
import { matchesFilter } from '../src/linear/filter.js';

const KEY = 'lin_api_fakeTestKey0123456789';
const OAUTH = 'lin_oauth_fakeTestToken0123456789';
let fake: FakeLinear;
beforeAll(async () => {
  fake = await startFakeLinear({ apiKey: KEY, oauthToken: OAUTH });
});
afterAll(async () => {
  await fake?.close();
});

const post = async (query: string, variables: Record<string, unknown> = {}, authorization = KEY) => {
  const response = await fetch(fake.url, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the fake's GraphQL answer, read field by field
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any[] } };
};

describe('the fake Linear', () => {
  it('takes a personal key raw and an OAuth token as Bearer, and refuses the rest as Linear does', async () => {
    expect((await post('{ viewer { name } }')).body.data.viewer.name).toBe('Ada Lovelace');
    expect((await post('{ viewer { name } }', {}, `Bearer ${OAUTH}`)).status).toBe(200);
    for (const wrong of [`Bearer ${KEY}`, OAUTH, 'lin_api_other']) {
      const refused = await post('{ viewer { name } }', {}, wrong);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'AUTHENTICATION_ERROR', type: 'authentication error' } });
    }
  });

  it('evaluates filters, pages and rate-limit headers', async () => {
    const query = `query ($filter: IssueFilter, $after: String) { issues(filter: $filter, first: 2, after: $after) { nodes { identifier } pageInfo { hasNextPage endCursor } } }`;
    const filter = { and: [{ team: { key: { eq: 'ENG' } } }, { labels: { some: { name: { eqIgnoreCase: 'V2.0' } } } }] };
    const first = await post(query, { filter });
    expect(first.body.data.issues.nodes).toHaveLength(2);
    expect(first.body.data.issues.pageInfo.hasNextPage).toBe(true);
    const rest = await post(query, { filter, after: first.body.data.issues.pageInfo.endCursor });
    const all = [...first.body.data.issues.nodes, ...rest.body.data.issues.nodes].map((node: { identifier: string }) => node.identifier).sort();
    expect(all).toEqual(['ENG-2', 'ENG-3', 'ENG-5']);
    expect(first.headers.get('x-ratelimit-requests-limit')).toBe('5000');
    expect(Number(first.headers.get('x-complexity'))).toBeGreaterThan(0);
  });

  it("answers an unknown issue with Linear's entity-not-found error, and RATELIMITED on demand", async () => {
    const missing = await post('{ issue(id: "ENG-999") { title } }');
    expect(missing.body.errors?.[0]).toMatchObject({ message: 'Entity not found: Issue', extensions: { code: 'INPUT_ERROR' } });
    fake.rateLimited({ resetMs: 5_000 });
    const limited = await post('{ viewer { name } }');
    expect(limited.status).toBe(400);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATELIMITED');
    expect(Number(limited.headers.get('x-ratelimit-requests-reset'))).toBeGreaterThan(Date.now());
    expect(limited.headers.get('x-ratelimit-requests-remaining')).toBe('0');
  });

  it('filters as Linear does: comparators, null, durations, nested relations, collections', () => {
    const now = Date.parse('2026-11-30T00:00:00Z');
    const issue = { title: 'Crash on save', estimate: 2, completedAt: null, updatedAt: now - 86_400_000, assignee: null, labels: [{ name: 'Bug' }] };
    expect(matchesFilter({ title: { containsIgnoreCase: 'CRASH' } }, issue, now)).toBe(true);
    expect(matchesFilter({ completedAt: { null: true } }, issue, now)).toBe(true);
    expect(matchesFilter({ assignee: { null: true } }, issue, now)).toBe(true);
    expect(matchesFilter({ assignee: { name: { eq: 'Ada' } } }, issue, now)).toBe(false);
    expect(matchesFilter({ updatedAt: { gt: '-P2D' } }, issue, now)).toBe(true);
    expect(matchesFilter({ updatedAt: { gt: '-PT12H' } }, issue, now)).toBe(false);
    expect(matchesFilter({ labels: { every: { name: { in: ['Bug', 'UX'] } } } }, issue, now)).toBe(true);
    expect(matchesFilter({ or: [{ estimate: { gte: 3 } }, { labels: { name: { eq: 'Bug' } } }] }, issue, now)).toBe(true);
  });
});

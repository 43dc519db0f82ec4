import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorLinkPage, cursorPage, type FakeUpstream, numberedPage, startFake } from '../src/index.js';

const items = Array.from({ length: 25 }, (_, index) => index + 1);
let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFake({
    routes: {
      'GET /numbered': (request) => {
        const page = numberedPage(request, items);
        return { body: page.items, headers: page.headers };
      },
      'GET /sentry': (request) => {
        const page = cursorLinkPage(request, items, { defaultSize: 10 });
        return { body: page.items, headers: page.headers };
      },
      '* /slack': (request) => {
        const page = cursorPage(request, items, { defaultSize: 10 });
        if (!page) return { body: { ok: false, error: 'invalid_cursor' } };
        return { body: { ok: true, items: page.items, response_metadata: { next_cursor: page.nextCursor } } };
      },
    },
  });
});
afterAll(() => fake.close());

/** The Link header's targets by rel, with Sentry's extra attributes. */
function links(header: string | null): Record<string, { url: string; results?: string; cursor?: string }> {
  return Object.fromEntries(
    (header ?? '').split(/,\s*(?=<)/).flatMap((part) => {
      const [, url, attributes = ''] = /^<([^>]+)>(.*)$/.exec(part.trim()) ?? [];
      if (!url) return [];
      const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attributes)?.[1];
      return [[attribute('rel')!, { url, results: attribute('results'), cursor: attribute('cursor') }]];
    }),
  );
}

describe('pagination helpers, followed by a client', () => {
  it('numbered pages with a GitHub Link header (next, last, first, prev)', async () => {
    const first = await fetch(`${fake.url}/numbered?per_page=10&sort=asc`);
    expect(await first.json()).toEqual(items.slice(0, 10));
    expect(links(first.headers.get('link'))).toEqual({
      next: { url: `${fake.url}/numbered?per_page=10&sort=asc&page=2` },
      last: { url: `${fake.url}/numbered?per_page=10&sort=asc&page=3` },
    });
    const collected: number[] = [];
    let url: string | undefined = `${fake.url}/numbered?per_page=10`;
    while (url) {
      const response = await fetch(url);
      collected.push(...((await response.json()) as number[]));
      url = links(response.headers.get('link')).next?.url;
    }
    expect(collected).toEqual(items);
    const middle = links((await fetch(`${fake.url}/numbered?per_page=10&page=2`)).headers.get('link'));
    expect(Object.keys(middle)).toEqual(['next', 'last', 'first', 'prev']);
    expect(await (await fetch(`${fake.url}/numbered?per_page=500`)).json()).toEqual(items);
  });

  it('Sentry cursor links: both neighbours always named, results saying whether to follow', async () => {
    const first = await fetch(`${fake.url}/sentry`);
    expect(await first.json()).toEqual(items.slice(0, 10));
    expect(links(first.headers.get('link'))).toEqual({
      previous: { url: `${fake.url}/sentry?cursor=0%3A0%3A1`, results: 'false', cursor: '0:0:1' },
      next: { url: `${fake.url}/sentry?cursor=0%3A10%3A0`, results: 'true', cursor: '0:10:0' },
    });
    const collected: number[] = [];
    let next: { url: string; results?: string } | undefined = { url: `${fake.url}/sentry`, results: 'true' };
    let last = first;
    while (next?.results === 'true') {
      last = await fetch(next.url);
      collected.push(...((await last.json()) as number[]));
      next = links(last.headers.get('link')).next;
    }
    expect(collected).toEqual(items);
    const back = links(last.headers.get('link')).previous!;
    expect(back.results).toBe('true');
    expect(await (await fetch(back.url)).json()).toEqual(items.slice(10, 20));
  });

  it('Slack cursors from the query or a form body, an empty next_cursor at the end, and a foreign cursor refused', async () => {
    const collected: number[] = [];
    let cursor = '';
    let calls = 0;
    do {
      // Alternate GET with a query and POST with a form body, as Slack accepts both.
      const fields = new URLSearchParams({ limit: '7', ...(cursor ? { cursor } : {}) });
      const response = calls++ % 2 ? await fetch(`${fake.url}/slack`, { method: 'POST', body: fields }) : await fetch(`${fake.url}/slack?${fields}`);
      const body = (await response.json()) as { items: number[]; response_metadata: { next_cursor: string } };
      collected.push(...body.items);
      cursor = body.response_metadata.next_cursor;
    } while (cursor);
    expect(collected).toEqual(items);
    expect(calls).toBe(4);
    expect(await (await fetch(`${fake.url}/slack?cursor=bm9wZQ==`)).json()).toEqual({ ok: false, error: 'invalid_cursor' });
  });
});

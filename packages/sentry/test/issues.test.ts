import { records, type Table } from '@toolbridge/core';
import { EVENT_SECRET, SENTRY_INJECTION } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session, useFreshSession } from './support/session.js';

let session: Session;
beforeAll(async () => {
  session = await openSession();
});
afterAll(async () => {
  await session?.close();
});

const ids = (issues: Table<{ short_id: string }>) => records(issues).map((issue) => issue.short_id);

describe('sentry_search_errors', () => {
  it('searches with Sentry syntax, no LLM in between, and reports the total', async () => {
    const result = await session.ok('sentry_search_errors', { query: 'is:unresolved level:error', sort: 'freq' });
    expect(ids(result.issues)).toEqual(['WEB-1', 'API-1', 'API-2']);
    expect(result.total).toBe(3);
    expect(records(result.issues)[0]).toEqual({
      id: '1001',
      short_id: 'WEB-1',
      title: "TypeError: Cannot read properties of undefined (reading 'amount')",
      culprit: 'applyDiscount(src/lib/discount)',
      level: 'error',
      status: 'unresolved (new)',
      events: 1523,
      users: 311,
      first_seen: expect.any(String),
      last_seen: expect.any(String),
      project: 'web',
      unhandled: true,
    });
    expect(session.fake.problems).toEqual([]);
  });

  it('narrows by project (sent as its id) and time range, and finds a short id typed as the query', async () => {
    const web = await session.ok('sentry_search_errors', { project: 'web', time_range: '24h', sort: 'new' });
    expect(ids(web.issues)).toEqual(['WEB-1', 'WEB-2']);
    const search = session.fake.requests.filter((request) => request.path === '/api/0/organizations/acme/issues/').at(-1)!;
    expect(search.query.getAll('project')).toEqual(['11']);
    expect(search.query.get('statsPeriod')).toBe('24h');
    expect(ids((await session.ok('sentry_search_errors', { query: 'API-2' })).issues)).toEqual(['API-2']);
  });

  it('pages through Link cursors until Sentry says there are no more results', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await session.ok('sentry_search_errors', { query: '', sort: 'freq', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...ids(page.issues));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['WEB-1', 'API-1', 'WEB-2', 'API-2', 'WEB-3']);
    expect(pages).toBe(3);
  });

  it('explains a bad argument before any request', async () => {
    const before = session.fake.requests.length;
    const result = await session.server.call('sentry_search_errors', { time_range: 'last week' });
    expect(result).toMatchObject({ isError: true, text: expect.stringMatching(/time_range: expected a number and m, h, d or w, like 24h/) });
    expect(session.fake.requests.length).toBe(before);
  });
});

describe('sentry_get_error_details', () => {
  it('gives counts, tags, the exception, in-app frames innermost first, source, breadcrumbs and release, fencing event text', async () => {
    const details = await session.ok('sentry_get_error_details', { issue: '1001' });
    expect(details).toMatchObject({
      short_id: 'WEB-1',
      events: 1523,
      users: 311,
      user_reports: 3,
      first_release: 'web@1.2.0',
      permalink: `${session.fake.url}/organizations/acme/issues/1001/`,
      tags: { browser: 'Chrome 120 (62%), Safari 17 (28%), Firefox 121 (10%)', release: 'web@1.2.0 (100%)' },
    });
    expect(details.event).toMatchObject({
      id: '000000a0'.repeat(4),
      in_app_frames: ['src/lib/discount.ts:42:7 in applyDiscount', 'src/pages/Checkout.tsx:88:7 in onSubmit'],
      release: 'web@1.2.0',
      environment: 'production',
    });
    expect(details.event.exception).toMatch(/^<untrusted-content source="Sentry event of issue WEB-1">\nTypeError: Cannot read properties/);
    expect(details.event.exception).toContain(SENTRY_INJECTION);
    expect(details.event.crash_context).toContain('>42   return total - code.discount.amount;');
    expect(details.event.breadcrumbs).toMatch(/^<untrusted-content source="Sentry event of issue WEB-1 breadcrumbs">\n.*\[navigation\] \/cart -> \/checkout/);
    // Invisible characters a sender can smuggle instructions in are gone.
    expect(details.event.breadcrumbs).not.toMatch(/[\u200b\u{E0000}-\u{E007F}]/u);
    expect(session.fake.problems).toEqual([]);
  });

  it('takes a short id (looked up once), a URL of either form, and a URL to one event', async () => {
    const byShortId = await session.ok('sentry_get_error_details', { issue: 'web-1.' });
    expect(byShortId.id).toBe('1001');
    await session.ok('sentry_get_error_details', { issue: 'WEB-1' });
    expect(session.fake.requests.filter((request) => request.path.includes('/shortids/'))).toHaveLength(1);

    const byUrl = await session.ok('sentry_get_error_details', { issue: `${session.fake.url}/organizations/acme/issues/2001/?project=12` });
    expect(byUrl).toMatchObject({
      short_id: 'API-1',
      event: { in_app_frames: ['app/db/session.py:19:7 in connect', 'app/api/orders.py:57:7 in list_orders'] },
    });

    const eventId = '000000a2'.repeat(4);
    const byEventUrl = await session.ok('sentry_get_error_details', { issue: `https://acme.sentry.io/issues/1001/events/${eventId}/` });
    expect(byEventUrl.event.id).toBe(eventId);
    expect(session.fake.requests.some((request) => request.path === `/api/0/projects/acme/web/events/${eventId}/`)).toBe(true);
  });

  it('says what was wrong for an unknown issue and a malformed one', async () => {
    const missing = await session.server.call('sentry_get_error_details', { issue: '999' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/Sentry returned 404: not found.*The requested resource does not exist.*organization slug "acme"/);
    const malformed = await session.server.call('sentry_get_error_details', { issue: 'not an id' });
    expect(malformed.text).toMatch(/is not an issue id, short id or issue URL\. Pass a numeric id/);
  });
});

describe('sentry_get_event', () => {
  it('shows the whole exception chain with library frames folded, and the request only redacted', async () => {
    const event = await session.ok('sentry_get_event', { event_id: 'latest', issue: 'API-1' });
    expect(event.exceptions.map((exception: { stack: string[] }) => exception.stack)).toEqual([
      ['… 2 library frames', 'app/db/session.py:19:7 in connect', 'app/api/orders.py:57:7 in list_orders'],
      ['socket.py:845 in create_connection'],
    ]);
    expect(event.exceptions[0]).toMatchObject({ handled: true });

    const checkout = await session.ok('sentry_get_event', { event_id: '000000a1'.repeat(4) });
    expect(checkout.issue_id).toBe('1001');
    expect(checkout.request).toMatch(
      /^<untrusted-content source="Sentry event [0-9a-f]{32} request">\nPOST https:\/\/shop\.example\.com\/checkout\?step=pay&access_token=\[REDACTED\]/,
    );
    expect(checkout.request).toContain('User-Agent: Mozilla/5.0');
    expect(checkout.request).not.toMatch(/Authorization|Cookie|session=abc123|hunter2/);
    expect(JSON.stringify(checkout)).not.toContain(EVENT_SECRET);
    // Without a project the organization-wide lookup finds it; with one, the project's endpoint.
    expect(session.fake.requests.some((request) => request.path.includes('/eventids/'))).toBe(true);
    await session.ok('sentry_get_event', { event_id: '000000a1'.repeat(4), project: 'web' });
    expect(session.fake.requests.at(-1)!.path).toBe(`/api/0/projects/acme/web/events/${'000000a1'.repeat(4)}/`);
  });

  it('needs the issue for latest, oldest or recommended', async () => {
    const result = await session.server.call('sentry_get_event', { event_id: 'oldest' });
    expect(result.text).toMatch(/needs the issue it belongs to/);
  });
});

describe('sentry_list_issue_events', () => {
  it("pages through an issue's events", async () => {
    const first = await session.ok('sentry_list_issue_events', { issue: 'WEB-1', limit: 2 });
    expect(first.events.rows).toHaveLength(2);
    expect(records(first.events)[0]).toEqual({
      id: '000000a0'.repeat(4),
      date: expect.any(String),
      message: "TypeError: Cannot read properties of undefined (reading 'amount')",
      user: 'shopper0@example.com',
      release: 'web@1.2.0',
      environment: 'production',
    });
    const second = await session.ok('sentry_list_issue_events', { issue: 'WEB-1', limit: 2, cursor: first.next_cursor });
    expect(records(second.events).map((event: { id: string }) => event.id)).toEqual(['000000a2'.repeat(4)]);
    expect(second.next_cursor).toBeUndefined();
  });
});

describe('sentry_update_issue', () => {
  const fresh = useFreshSession();

  it('resolves, ignores for a while, reopens and assigns with partial bodies, and reads back fresh', async () => {
    const { fake } = fresh();
    expect(await fresh().ok('sentry_update_issue', { issue: 'WEB-2', status: 'ignored', ignore_minutes: 60 })).toMatchObject({
      id: '1002',
      status: 'ignored',
      ignore_until: expect.any(String),
    });
    await fresh().ok('sentry_get_error_details', { issue: 'WEB-2' });
    await fresh().ok('sentry_update_issue', { issue: 'WEB-2', status: 'unresolved', assigned_to: 'ada@example.com' });
    expect(await fresh().ok('sentry_get_error_details', { issue: 'WEB-2' })).toMatchObject({ status: 'unresolved (ongoing)', assigned_to: 'ada@example.com' });
    expect(await fresh().ok('sentry_update_issue', { issue: 'WEB-2', assigned_to: '' })).not.toHaveProperty('assigned_to');
    expect(fake.state.updates.map((update) => update.body)).toEqual([
      { status: 'ignored', statusDetails: { ignoreDuration: 60 } },
      { status: 'unresolved', assignedTo: 'ada@example.com' },
      { assignedTo: '' },
    ]);
    expect(fake.problems).toEqual([]);
  });

  it('refuses an update that changes nothing or mixes ignore options with another status', async () => {
    expect((await fresh().server.call('sentry_update_issue', { issue: 'WEB-2' })).text).toMatch(/nothing to change/);
    expect((await fresh().server.call('sentry_update_issue', { issue: 'WEB-2', status: 'resolved', ignore_count: 5 })).text).toMatch(
      /go with status "ignored"/,
    );
    expect(fresh().fake.state.updates).toEqual([]);
  });
});

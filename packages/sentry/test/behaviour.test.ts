import { records } from '@toolbridge/core';
import { connectServer, sentryRateLimit } from '@toolbridge/testkit';
import { describe, expect, it } from 'vitest';
import { openSession, packageDir } from './support/session.js';

describe('rate limits and failures', () => {
  it("waits out a 429 (Sentry's reset header) and succeeds, within the same call", async () => {
    const session = await openSession();
    try {
      session.fake.queue(sentryRateLimit(1, { path: '/organizations/acme/issues/' }));
      const started = Date.now();
      const result = await session.ok('sentry_search_errors', {});
      expect(result.issues.rows.length).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(session.fake.requests.filter((request) => request.path === '/api/0/organizations/acme/issues/')).toHaveLength(2);
    } finally {
      await session.close();
    }
  });

  it('explains a 401, a 403 and a wrong organization with what to change', async () => {
    const session = await openSession({ env: { SENTRY_AUTH_TOKEN: 'sntryu_wrongToken000000000000000000000000', SENTRY_ORG: 'acme' } });
    try {
      const denied = await session.server.call('sentry_list_projects', {});
      expect(denied.text).toMatch(
        /Sentry returned 401: the token in SENTRY_AUTH_TOKEN \(or SENTRY_ACCESS_TOKEN\) is missing, invalid or expired: Invalid token\. Create a token in Sentry/,
      );
      expect(denied.text).toMatch(/needs SENTRY_URL \(requests now go to http:\/\/127\.0\.0\.1:\d+\)/);
      expect(denied.text).not.toContain('wrongToken');
    } finally {
      await session.close();
    }
    const other = await openSession({ env: { SENTRY_ORG: 'umbrella' } });
    try {
      other.fake.queue({ path: '/organizations/umbrella/projects/', status: 403, body: { detail: 'You do not have permission to perform this action.' } });
      expect((await other.server.call('sentry_list_projects', {})).text).toMatch(
        /Sentry returned 403: not allowed: You do not have permission to perform this action\. The token lacks a scope: reading needs org:read, project:read and event:read/,
      );
      expect((await other.server.call('sentry_list_projects', {})).text).toMatch(/404: not found.*Check the organization slug "umbrella" \(SENTRY_ORG/);
    } finally {
      await other.close();
    }
  });
});

describe('configuration', () => {
  it('starts without a token, lists its tools, and each call says what to set', async () => {
    const server = await connectServer(packageDir, { env: {} });
    try {
      const { tools } = await server.client.listTools();
      expect(tools).toHaveLength(10);
      expect(server.client.getInstructions()).toMatch(/No Sentry token is configured yet/);
      const result = await server.call('sentry_search_errors', {});
      expect(result).toMatchObject({ isError: true, text: expect.stringMatching(/no Sentry token is set\. Set SENTRY_AUTH_TOKEN \(or SENTRY_ACCESS_TOKEN\)/) });
    } finally {
      await server.close();
    }
  });

  it('finds the organization when the token sees only one, and takes SENTRY_ACCESS_TOKEN', async () => {
    const session = await openSession({
      env: { SENTRY_ORG: '', SENTRY_AUTH_TOKEN: '', SENTRY_ACCESS_TOKEN: 'sntryu_fakeTokenForToolbridgeTests00000000000000' },
    });
    try {
      expect((await session.ok('sentry_list_projects')).organization).toBe('acme');
      await session.ok('sentry_search_errors', {});
      expect(session.fake.requests.filter((request) => request.path === '/api/0/organizations/')).toHaveLength(1);
    } finally {
      await session.close();
    }
  });

  it('works with a self-hosted Sentry under a path that sends null or leaves out newer fields', async () => {
    const selfHosted = await openSession({ basePath: '/sentry', selfHosted: true });
    try {
      expect(selfHosted.fake.url).toMatch(/\/sentry$/);
      const search = await selfHosted.ok('sentry_search_errors', { sort: 'freq' });
      expect(records(search.issues)[0]).toEqual({
        id: '1001',
        short_id: 'WEB-1',
        title: expect.any(String),
        culprit: expect.any(String),
        level: 'error',
        status: 'unresolved',
        last_seen: expect.any(String),
        project: 'web',
      });
      const details = await selfHosted.ok('sentry_get_error_details', { issue: 'WEB-1' });
      // No frame says it is in-app: the top frames are shown instead, and nothing breaks on the nulls.
      expect(details.event.other_frames[0]).toBe('src/lib/discount.ts:42 in applyDiscount');
      expect(details).not.toHaveProperty('tags');
      const event = await selfHosted.ok('sentry_get_event', { event_id: 'latest', issue: 'API-1' });
      expect(event.exceptions[0].stack).toHaveLength(4);
      const health = await selfHosted.ok('sentry_get_project_health', { project: 'web' });
      expect(health.top_issues.rows.length).toBeGreaterThan(0);
      for (const [name, args] of [
        ['sentry_list_issue_events', { issue: 'WEB-1' }],
        ['sentry_get_user_feedback', { project: 'web' }],
        ['sentry_list_projects', {}],
        ['sentry_list_releases', {}],
        ['sentry_get_release', { version: 'web@1.2.0' }],
      ] as const) {
        await selfHosted.ok(name, args);
      }
      expect(selfHosted.fake.requests.every((request) => request.path.startsWith('/sentry/api/0/'))).toBe(true);
    } finally {
      await selfHosted.close();
    }
  });

  it('refuses a plain-http SENTRY_URL that is not loopback at start, naming the setting', async () => {
    await expect(connectServer(packageDir, { env: { SENTRY_URL: 'http://sentry.example.com' } })).rejects.toThrow(/SENTRY_URL must use https/);
  });
});

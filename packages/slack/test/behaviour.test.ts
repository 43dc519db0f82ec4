import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { records } from '@toolbridge/core';
import { connectServer, slackRateLimit, slowAnswer } from '@toolbridge/testkit';
import { describe, expect, it } from 'vitest';
import { FAKE_SLACK_BOT_TOKEN, FAKE_SLACK_USER_TOKEN, openSession, packageDir } from './support/session.js';

describe('rate limits and failures', () => {
  it('waits out a 429 (Retry-After) and succeeds within the same call', async () => {
    const session = await openSession();
    try {
      await session.ok('slack_list_channels', {});
      session.fake.queue(slackRateLimit(1, 'conversations.history'));
      const started = Date.now();
      const { messages } = await session.ok('slack_get_channel_messages', { channel: 'C001' });
      expect(messages.rows.length).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(session.fake.calls('conversations.history')).toHaveLength(2);
      expect(session.fake.problems).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('fails at once with the time to retry when Slack asks for a longer wait than allowed', async () => {
    const session = await openSession();
    try {
      session.fake.queue({ ...slackRateLimit(600, 'conversations.list'), times: 5 });
      const text = await session.fails('slack_list_channels', {});
      expect(text).toMatch(/rate limit/i);
      expect(text).toMatch(/600 s|10 min|retry/i);
    } finally {
      await session.close();
    }
  });

  it('names the missing scope, says search needs a user token, and explains a revoked token without showing it', async () => {
    const scoped = await openSession({ scopes: ['channels:read', 'users:read', 'groups:read'] });
    try {
      const text = await scoped.fails('slack_get_channel_messages', { channel: 'C001' });
      expect(text).toMatch(/^slack_get_channel_messages failed: Slack refused the request: not allowed: missing_scope\. /);
      expect(text).toContain('The token needs the channels:history scope');
    } finally {
      await scoped.close();
    }
    const botOnly = await openSession({ botOnly: true });
    try {
      expect(await botOnly.fails('slack_search_messages', { query: 'release' })).toMatch(/SLACK_USER_TOKEN: this method takes a user token.*search:read/);
      expect(botOnly.fake.calls('search.messages')).toEqual([]);
    } finally {
      await botOnly.close();
    }
    // The fake accepts another bot token: the server's is invalid there.
    const cacheDir = mkdtempSync(join(tmpdir(), 'toolbridge-slack-test-'));
    const audit = join(cacheDir, 'audit.jsonl');
    const revoked = await openSession({ botToken: 'xoxb-1111-2222-another', cacheDir, args: ['--audit-log', audit] });
    try {
      const text = await revoked.fails('slack_list_channels', {});
      expect(text).toContain('invalid_auth');
      expect(text).toContain('SLACK_BOT_TOKEN');
      expect(text).not.toContain(FAKE_SLACK_BOT_TOKEN);
      const logged = readFileSync(audit, 'utf8');
      expect(logged).toContain('slack_list_channels');
      expect(logged).not.toContain(FAKE_SLACK_BOT_TOKEN);
      expect(revoked.server.stderr()).not.toContain(FAKE_SLACK_BOT_TOKEN);
    } finally {
      await revoked.close();
    }
  });
});

describe('start-up and the users/channels cache', () => {
  it('starts without a token, lists its tools, and each call says which variable to set', async () => {
    const server = await connectServer(packageDir, { env: { TOOLBRIDGE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'toolbridge-slack-test-')) } });
    try {
      expect((await server.client.listTools()).tools).toHaveLength(6);
      expect(server.client.getInstructions()).toMatch(/No Slack token is configured yet/);
      expect(await server.call('slack_list_channels', {})).toMatchObject({
        isError: true,
        text: expect.stringMatching(/no Slack token is set\. Set SLACK_BOT_TOKEN/),
      });
    } finally {
      await server.close();
    }
  });

  it('answers tools/list while users.list is slow, then keeps the cache in a 0600 file per workspace', async () => {
    const session = await openSession();
    try {
      session.fake.queue({ ...slowAnswer(3000), path: '/users.list' });
      const started = Date.now();
      expect((await session.server.client.listTools()).tools).toHaveLength(6);
      expect(Date.now() - started).toBeLessThan(1000);
      // The idle warm-up reads users and channels after the tool list.
      await expect.poll(() => readdirSync(session.cacheDir).filter((file) => file.startsWith('slack-directory-')), { timeout: 8000 }).toHaveLength(1);
      const file = join(session.cacheDir, readdirSync(session.cacheDir).find((name) => name.startsWith('slack-directory-'))!);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const cached = readFileSync(file, 'utf8');
      expect(cached).toContain('"handle":"ada"');
      expect(cached).not.toContain(FAKE_SLACK_BOT_TOKEN);
      expect(cached).not.toContain(FAKE_SLACK_USER_TOKEN);
      // Names come from the cache: a history call makes one request.
      const before = session.fake.requests.length;
      await session.ok('slack_get_channel_messages', { channel: '#general' });
      expect(session.fake.requests.length - before).toBe(1);
    } finally {
      await session.close();
    }
  });

  it('serves a stale cache from disk while refreshing it, and refreshes once for an unknown #name', async () => {
    // Keyed by SLACK_TEAM_ID (else by API URL and token, and each fake has its own port).
    const env = { SLACK_TEAM_ID: 'T0FAKE' };
    const first = await openSession({ env });
    const cacheDir = first.cacheDir;
    let file: string;
    try {
      await first.ok('slack_get_users', {});
      file = join(cacheDir, 'slack-directory-T0FAKE.json');
    } finally {
      await first.close();
    }
    // Make the cache old, and rename a user in it: the stale name is what the first answer shows.
    const stale = JSON.parse(readFileSync(file, 'utf8'));
    stale.at = Date.now() - 24 * 3600_000;
    stale.users.find((user: { id: string }) => user.id === 'U002').name = 'Grace (stale)';
    writeFileSync(file, JSON.stringify(stale));
    // users.list answers slowly, so the refresh is still running when the first call is answered.
    const second = await openSession({ env, cacheDir, prepare: (fake) => fake.queue({ ...slowAnswer(1500), path: '/users.list' }) });
    try {
      const users = records((await second.ok('slack_get_users', { query: 'grace' })).users);
      expect(users[0]!.name).toBe('Grace (stale)');
      await expect.poll(async () => records((await second.ok('slack_get_users', { query: 'grace' })).users)[0].name, { timeout: 5000 }).toBe('Grace');
      const lists = second.fake.calls('conversations.list').length;
      second.fake.state.channels.push({ id: 'C777', name: 'brand-new', is_channel: true, is_member: true, created: 1, members: ['U0BOT'] });
      expect((await second.ok('slack_get_channel_messages', { channel: '#brand-new' })).channel_id).toBe('C777');
      expect(second.fake.calls('conversations.list').length).toBe(lists + 1);
      // A second unknown name within seconds does not refresh again.
      expect(await second.fails('slack_get_channel_messages', { channel: '#nope' })).toContain('no channel #nope');
      expect(second.fake.calls('conversations.list').length).toBe(lists + 1);
      // An org-wide app names its workspace where Slack asks for it.
      expect(second.fake.calls('users.list').map((request) => request.form?.get('team_id'))).toContain('T0FAKE');
      expect(second.fake.calls('conversations.history').map((request) => request.form?.get('team_id'))).toEqual([null]);
      expect(second.fake.problems).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

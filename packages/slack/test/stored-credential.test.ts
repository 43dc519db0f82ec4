import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCredentialStore } from '@toolbridge/core';
import { connectServer, FAKE_SLACK_BOT_TOKEN, FAKE_SLACK_USER_TOKEN, startFakeSlack } from '@toolbridge/testkit';
import { describe, expect, it } from 'vitest';
import { packageDir } from './support/session.js';

describe('a token saved by toolbridge login slack', () => {
  it.each([
    ['a bot token reads channels; search says it needs a user token', FAKE_SLACK_BOT_TOKEN, false],
    ['a user token (xoxp-) is used as one: search works', FAKE_SLACK_USER_TOKEN, true],
  ])('is used when no SLACK_*_TOKEN is set: %s', async (_name, token, searches) => {
    const fake = await startFakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'toolbridge-slack-store-'));
    const cache = mkdtempSync(join(tmpdir(), 'toolbridge-slack-cache-'));
    await new FileCredentialStore(dir).put({ service: 'slack', token, method: 'token', identity: 'T0001', savedAt: new Date().toISOString() });
    const server = await connectServer(packageDir, {
      env: { SLACK_API_URL: fake.apiUrl, TOOLBRIDGE_CONFIG_DIR: dir, TOOLBRIDGE_CREDENTIAL_STORE: 'file', TOOLBRIDGE_CACHE_DIR: cache },
    });
    try {
      expect(server.client.getInstructions() ?? '').not.toMatch(/No Slack token is configured/);
      const channels = await server.call('slack_list_channels', {});
      expect(channels.isError, channels.text).toBe(false);
      const search = await server.call('slack_search_messages', { query: 'deploy' });
      expect(search.isError, search.text).toBe(!searches);
      if (!searches) expect(search.text).toMatch(/user token/);
      expect(fake.requests.every((request) => request.headers.authorization === `Bearer ${token}`)).toBe(true);
    } finally {
      await server.close();
      await fake.close();
    }
  });
});

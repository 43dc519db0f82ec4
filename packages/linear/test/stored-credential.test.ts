import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCredentialStore } from '@toolbridge/core';
import { connectServer, startFakeLinear } from '@toolbridge/testkit';
import { describe, expect, it } from 'vitest';
import { FAKE_KEY, FAKE_OAUTH, packageDir } from './support/session.js';

describe('a credential saved by toolbridge login linear', () => {
  it.each([
    ['a personal key, sent raw', FAKE_KEY, FAKE_KEY],
    ['an OAuth token, sent as Bearer', FAKE_OAUTH, `Bearer ${FAKE_OAUTH}`],
  ])('is used when LINEAR_API_KEY is not set: %s', async (_name, token, authorization) => {
    const fake = await startFakeLinear({ apiKey: FAKE_KEY, oauthToken: FAKE_OAUTH });
    const dir = mkdtempSync(join(tmpdir(), 'toolbridge-linear-store-'));
    await new FileCredentialStore(dir).put({ service: 'linear', token, method: 'token', identity: 'me', savedAt: new Date().toISOString() });
    const server = await connectServer(packageDir, { env: { LINEAR_API_URL: fake.url, TOOLBRIDGE_CONFIG_DIR: dir, TOOLBRIDGE_CREDENTIAL_STORE: 'file' } });
    try {
      expect(server.client.getInstructions()).not.toMatch(/No Linear API key is configured/);
      const workspace = await server.call('linear_get_workspace', {});
      expect(workspace.isError, workspace.text).toBe(false);
      expect(fake.requests.every((request) => request.headers.authorization === authorization)).toBe(true);
      expect(server.stderr()).not.toContain(token);
    } finally {
      await server.close();
      await fake.close();
    }
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type FakeOAuth, startFakeOAuth } from '@toolbridge/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { FileCredentialStore } from '../src/credentials/file-store.js';
import type { StoredCredential } from '../src/credentials/types.js';

let oauth: FakeOAuth | undefined;
afterEach(async () => {
  await oauth?.close();
  oauth = undefined;
});

const expiring = (tokenUrl: string, expiresAt: string): StoredCredential => ({
  service: 'linear',
  token: 'old_access_token',
  method: 'pkce',
  refreshToken: 'refresh-1',
  expiresAt,
  oauth: { tokenUrl, clientId: 'fake-client-id' },
  savedAt: new Date().toISOString(),
});

/** A separate server process asking for its credential, as a tool call would. */
const script = `
  const { createCredentials } = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../dist/credentials/resolve.js')).href)});
  const { createHttpClient, coreConfigSchema } = await import('@toolbridge/core');
  const http = createHttpClient({ config: coreConfigSchema.parse({}), env: {} });
  const credentials = createCredentials({
    spec: { service: 'linear', title: 'Linear', env: ['LINEAR_API_KEY'] },
    env: { TOOLBRIDGE_CONFIG_DIR: process.argv[1], TOOLBRIDGE_CREDENTIAL_STORE: 'file' },
    fetch: () => http.fetch,
    allow: (origin) => http.allowBaseUrl(origin),
  });
  console.log((await credentials.require()).token);`;
const serverProcess = (dir: string) =>
  promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, dir], { cwd: import.meta.dirname, encoding: 'utf8' }).then(({ stdout }) =>
    stdout.trim(),
  );

describe('refreshing a stored OAuth token', () => {
  it('refreshes once when two server processes find it about to expire at the same moment', async () => {
    // The refresh takes a second: both processes ask while it is under way.
    oauth = await startFakeOAuth({ refreshTokens: ['refresh-1'], accessTokens: ['new_access_token'], expiresIn: 3600, refreshDelayMs: 1_000 });
    const dir = mkdtempSync(join(tmpdir(), 'toolbridge-refresh-'));
    await new FileCredentialStore(dir).put(expiring(`${oauth.url}/oauth/token`, new Date(Date.now() + 10_000).toISOString()));
    const tokens = await Promise.all([serverProcess(dir), serverProcess(dir)]);
    expect(tokens).toEqual(['new_access_token', 'new_access_token']);
    // The provider rotates refresh tokens: a second refresh with refresh-1 would have been refused (invalid_grant).
    expect(oauth.grants).toEqual([{ grant: 'refresh_token', outcome: 'issued' }]);
    const kept = new FileCredentialStore(dir).get('linear')!;
    expect(kept.token).toBe('new_access_token');
    expect(kept.refreshToken).not.toBe('refresh-1');
    expect(Date.parse(kept.expiresAt!)).toBeGreaterThan(Date.now() + 3_000_000);
  }, 30_000);

  it('leaves a token far from expiry alone, and says to log in again when the refresh is refused', async () => {
    oauth = await startFakeOAuth({ refreshTokens: [] });
    const dir = mkdtempSync(join(tmpdir(), 'toolbridge-refresh-'));
    const store = new FileCredentialStore(dir);
    await store.put(expiring(`${oauth.url}/oauth/token`, new Date(Date.now() + 3_600_000).toISOString()));
    expect(await serverProcess(dir)).toBe('old_access_token');
    expect(oauth.grants).toEqual([]);
    await store.put(expiring(`${oauth.url}/oauth/token`, new Date(Date.now() - 1_000).toISOString()));
    await expect(serverProcess(dir)).rejects.toThrow(
      /Linear refused to refresh the saved credential \(invalid_grant: The refresh token is invalid or was already used\.\)/,
    );
  }, 30_000);
});

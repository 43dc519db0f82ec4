import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCredentialStore, type StoredCredential } from '@toolbridge/core';
import {
  connectServer,
  type FakeGitHub,
  type RecordingProxy,
  selfSignedCertificate,
  startConnectProxy,
  startFakeGitHub,
  startFakeOAuth,
} from '@toolbridge/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheDir, FAKE_TOKEN, packageDir } from './support/session.js';

let fake: FakeGitHub | undefined;
let proxy: RecordingProxy | undefined;
afterEach(async () => {
  await fake?.close();
  await proxy?.close();
  fake = proxy = undefined;
});

const saved = (token: string): StoredCredential => ({ service: 'github', token, method: 'token', identity: 'octocat', savedAt: new Date().toISOString() });

async function serverWithStore(token: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'toolbridge-github-store-'));
  await new FileCredentialStore(dir).put(saved(token));
  return connectServer(packageDir, {
    env: { GITHUB_API_URL: fake!.apiUrl, TOOLBRIDGE_CACHE_DIR: cacheDir, TOOLBRIDGE_CONFIG_DIR: dir, TOOLBRIDGE_CREDENTIAL_STORE: 'file', ...env },
  });
}

describe('a credential saved by toolbridge login', () => {
  it('is used when no variable is set', async () => {
    fake = await startFakeGitHub({ token: FAKE_TOKEN });
    const server = await serverWithStore(FAKE_TOKEN);
    try {
      expect(server.client.getInstructions()).not.toContain('No GitHub token is configured');
      const me = await server.call('github_get_me');
      expect(me.isError).toBe(false);
      expect(me.structured?.login).toBeTruthy();
      expect(fake.requests.every((request) => request.headers.authorization === `token ${FAKE_TOKEN}`)).toBe(true);
    } finally {
      await server.close();
    }
    expect(fake.problems).toEqual([]);
  });

  it('gives way to GITHUB_PERSONAL_ACCESS_TOKEN when both are there', async () => {
    fake = await startFakeGitHub({ token: FAKE_TOKEN });
    const server = await serverWithStore('ghp_storedButShadowed000000000000000000', { GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN });
    try {
      expect((await server.call('github_get_me')).isError).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('says to run toolbridge login github when GitHub refuses it (revoked), never showing it', async () => {
    fake = await startFakeGitHub({ token: FAKE_TOKEN });
    const revoked = 'ghp_revokedStoredToken00000000000000000000';
    const server = await serverWithStore(revoked);
    try {
      const result = await server.call('github_get_me');
      expect(result.isError).toBe(true);
      expect(result.text).toMatch(
        /GitHub returned 401: the GitHub credential saved by toolbridge login \(in the encrypted credentials file\) is missing, invalid or expired.*run `toolbridge login github`/s,
      );
      expect(result.text + server.stderr()).not.toContain(revoked);
    } finally {
      await server.close();
    }
  });
});

describe('a stored OAuth token', () => {
  it('is refreshed once after GitHub refuses it with 401, the call then succeeding with the new token', async () => {
    const renewed = FAKE_TOKEN;
    const oauth = await startFakeOAuth({ refreshTokens: ['refresh-1'], accessTokens: [renewed], expiresIn: 28_800 });
    fake = await startFakeGitHub({ token: renewed });
    const dir = mkdtempSync(join(tmpdir(), 'toolbridge-github-store-'));
    const store = new FileCredentialStore(dir);
    await store.put({
      ...saved('ghu_refusedOldAccessToken0000000000000000'),
      method: 'device',
      refreshToken: 'refresh-1',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      oauth: { tokenUrl: `${oauth.url}/login/oauth/access_token`, clientId: 'fake-client-id' },
    });
    const server = await connectServer(packageDir, {
      env: { GITHUB_API_URL: fake.apiUrl, TOOLBRIDGE_CACHE_DIR: cacheDir, TOOLBRIDGE_CONFIG_DIR: dir, TOOLBRIDGE_CREDENTIAL_STORE: 'file' },
    });
    try {
      const me = await server.call('github_get_me');
      expect(me.text).not.toMatch(/failed/);
      expect((await server.call('github_get_me')).isError).toBe(false);
    } finally {
      await server.close();
      await oauth.close();
    }
    expect(oauth.grants).toEqual([{ grant: 'refresh_token', outcome: 'issued' }]);
    expect(fake.requests.map((request) => request.headers.authorization)).toEqual([
      'token ghu_refusedOldAccessToken0000000000000000',
      `token ${renewed}`,
      `token ${renewed}`,
    ]);
    expect(store.get('github')).toMatchObject({ token: renewed, method: 'device' });
  });
});

describe('a proxy in the path', () => {
  it('reaches an https GitHub through HTTPS_PROXY, trusting its certificate through NODE_EXTRA_CA_CERTS', async () => {
    const tls = selfSignedCertificate();
    fake = await startFakeGitHub({ token: FAKE_TOKEN, tls });
    proxy = await startConnectProxy();
    const server = await connectServer(packageDir, {
      env: {
        GITHUB_API_URL: fake.apiUrl,
        GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN,
        TOOLBRIDGE_CACHE_DIR: cacheDir,
        HTTPS_PROXY: proxy.url,
        NODE_EXTRA_CA_CERTS: tls.certFile,
      },
    });
    try {
      const me = await server.call('github_get_me');
      expect(me.text).not.toMatch(/failed/);
    } finally {
      await server.close();
    }
    expect(proxy.forwarded.length).toBeGreaterThan(0);
    expect(new Set(proxy.forwarded)).toEqual(new Set([new URL(fake.apiUrl).host]));
    expect(fake.problems).toEqual([]);
  });
});

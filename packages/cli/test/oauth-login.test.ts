import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { connectServer, type FakeOAuth, type FakeUpstream, presentedToken, startFake, startFakeOAuth } from '@toolbridge/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type FileSandbox, fileSandbox } from './support/credentials.js';
import { FAKE_TOKEN, useFakeGitHub } from './support/fake.js';

const github = useFakeGitHub();
let oauth: FakeOAuth | undefined;
let linear: FakeUpstream | undefined;
afterEach(async () => {
  await oauth?.close();
  await linear?.close();
  oauth = linear = undefined;
});

describe('toolbridge login github --device (RFC 8628)', () => {
  const deviceEnv = (box: FileSandbox) => ({
    ...box.env,
    GITHUB_API_URL: github.fake().apiUrl,
    TOOLBRIDGE_GITHUB_CLIENT_ID: 'fake-client-id',
    TOOLBRIDGE_GITHUB_OAUTH_URL: oauth!.url,
  });

  it('shows the code, waits through authorization_pending and slow_down, checks and keeps the token with its refresh token', async () => {
    oauth = await startFakeOAuth({ accessTokens: [FAKE_TOKEN], pendingPolls: 1, slowDown: 1, interval: 1, expiresIn: 28_800, scope: 'repo,read:org' });
    const box = fileSandbox();
    const result = await box.run(['login', 'github', '--device'], deviceEnv(box));
    expect(result.stderr).toMatch(/Open http:\/\/127\.0\.0\.1:\d+\/login\/device and enter the code WDJB-MJHT/);
    expect(result.stderr).toMatch(/GitHub asked to be polled less often: every 2 s now\./);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/✓ Logged in to GitHub as /) });
    expect(oauth.grants.map((grant) => grant.outcome)).toEqual(['slow_down', 'authorization_pending', 'issued']);
    const kept = box.store().get('github')!;
    expect(kept).toMatchObject({ token: FAKE_TOKEN, method: 'device', scopes: ['repo', 'read:org'], oauth: { clientId: 'fake-client-id' } });
    expect(kept.refreshToken).toMatch(/^fake_refresh_/);
    expect(Date.parse(kept.expiresAt!)).toBeGreaterThan(Date.now() + 7 * 3_600_000);
    expect(result.stdout + result.stderr).not.toContain(FAKE_TOKEN);
    const status = await box.run(['auth', 'status'], box.env);
    expect(status.stdout).toMatch(/^github\s+file\s+.*repo, read:org.*OAuth \(device\)/m);
  }, 30_000);

  it('says so when the user denies it or the code expires, keeping nothing', async () => {
    for (const [outcome, message] of [
      ['deny', /the authorization was denied in the browser; nothing was kept/],
      ['expire', /the code expired before it was entered; nothing was kept\. Run `toolbridge login github --device` again/],
    ] as const) {
      oauth = await startFakeOAuth({ deviceOutcome: outcome, pendingPolls: 0, interval: 1 });
      const box = fileSandbox();
      const result = await box.run(['login', 'github', '--device'], deviceEnv(box));
      expect(result).toMatchObject({ code: 1, stderr: expect.stringMatching(message) });
      expect(box.store().get('github')).toBeUndefined();
      await oauth.close();
    }
    oauth = undefined;
  }, 30_000);

  it('explains how to register an OAuth app when no client id is configured', async () => {
    const box = fileSandbox();
    const result = await box.run(['login', 'github', '--device'], box.env);
    expect(result).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /TOOLBRIDGE_GITHUB_CLIENT_ID is not set \(nor oauth\.github\.clientId in toolbridge\.config\.json\)\. To use OAuth, register an OAuth app .*Enable Device Flow/,
      ),
    });
  });

  it('reads the client id from toolbridge.config.json (oauth.github.clientId), which the servers accept too', async () => {
    oauth = await startFakeOAuth({ accessTokens: [FAKE_TOKEN], pendingPolls: 0, interval: 1 });
    const box = fileSandbox();
    const config = box.write('toolbridge.config.json', JSON.stringify({ oauth: { github: { clientId: 'fake-client-id' } } }));
    const { TOOLBRIDGE_GITHUB_CLIENT_ID: _, ...env } = deviceEnv(box);
    expect(await box.run(['login', 'github', '--device'], env)).toMatchObject({ code: 0 });
    const server = await connectServer(join(import.meta.dirname, '..', '..', 'github'), {
      env: { ...github.env(), ...box.env, HOME: box.home, XDG_CONFIG_HOME: join(box.home, '.config'), TOOLBRIDGE_CONFIG: config },
    });
    try {
      expect((await server.call('github_get_me')).isError).toBe(false);
    } finally {
      await server.close();
    }
  }, 30_000);
});

describe('toolbridge login linear --web (authorization code with PKCE on a loopback redirect)', () => {
  /** A browser that follows the authorize page's redirect to the CLI's loopback address. */
  const browser = (box: FileSandbox) => {
    const file = box.write('browser.mjs', '#!/usr/bin/env node\nawait fetch(process.argv[2]).then((response) => response.text());\n');
    chmodSync(file, 0o755);
    return file;
  };
  const startLinear = async () =>
    // A Linear that knows the tokens the provider issued (the viewer query is all login asks).
    startFake({
      routes: {
        'POST /graphql': (request) =>
          oauth!.valid.has(presentedToken(request) ?? '')
            ? { body: { data: { viewer: { name: 'Ada Lovelace', email: 'ada@example.com' } } } }
            : { status: 401, body: { errors: [{ message: 'Authentication required' }] } },
      },
    });

  it('opens the browser, takes the code on 127.0.0.1, exchanges it with the verifier, and logout revokes the token', async () => {
    oauth = await startFakeOAuth({ expiresIn: 3600 });
    linear = await startLinear();
    const box = fileSandbox();
    const env = {
      ...box.env,
      BROWSER: browser(box),
      TOOLBRIDGE_LINEAR_CLIENT_ID: 'fake-client-id',
      TOOLBRIDGE_LINEAR_OAUTH_URL: oauth.url,
      LINEAR_API_URL: `${linear.url}/graphql`,
    };
    const result = await box.run(['login', 'linear', '--web'], env);
    expect(result.stderr).toMatch(
      /Opening your browser to log in to Linear\. If it does not open, visit:\n\s+http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?response_type=code&client_id=fake-client-id&redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fcallback&.*code_challenge_method=S256/,
    );
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/✓ Logged in to Linear as Ada Lovelace <ada@example\.com>/) });
    expect(oauth.grants).toEqual([{ grant: 'authorization_code', outcome: 'issued' }]);
    const kept = box.store().get('linear')!;
    expect(kept).toMatchObject({ method: 'pkce', oauth: { revokeUrl: `${oauth.url}/oauth/revoke` } });
    expect(kept.refreshToken).toBeTruthy();

    const logout = await box.run(['logout', 'linear'], env);
    expect(logout.stdout).toMatch(/Revoked the Linear token at the provider\.\n✓ Forgot the Linear credential/);
    expect(oauth.revoked).toEqual([kept.token]);
    expect(box.store().get('linear')).toBeUndefined();
  }, 30_000);

  it('says so when the user denies access in the browser', async () => {
    oauth = await startFakeOAuth({ authorizeOutcome: 'deny' });
    const box = fileSandbox();
    const result = await box.run(['login', 'linear', '--web'], {
      ...box.env,
      BROWSER: browser(box),
      TOOLBRIDGE_LINEAR_CLIENT_ID: 'fake-client-id',
      TOOLBRIDGE_LINEAR_OAUTH_URL: oauth.url,
    });
    expect(result).toMatchObject({ code: 1, stderr: expect.stringMatching(/the authorization was denied in the browser; nothing was kept/) });
    expect(oauth.grants).toEqual([]);
  }, 30_000);
});

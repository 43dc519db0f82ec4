import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  connectServer,
  FAKE_SLACK_BOT_TOKEN,
  FAKE_SLACK_USER_TOKEN,
  type FakeLinear,
  type FakeSentry,
  type FakeSlack,
  startFakeLinear,
  startFakeSentry,
  startFakeSlack,
} from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSandbox } from './support/credentials.js';
import { FAKE_TOKEN, useFakeGitHub } from './support/fake.js';

const github = useFakeGitHub();
const SENTRY_TOKEN = 'sntrys_fakeSentryTokenForLoginTests000000';
const LINEAR_KEY = 'lin_api_fakeKeyForLoginTests0000000000000000000';
let sentry: FakeSentry;
let slack: FakeSlack;
let linear: FakeLinear;
beforeAll(async () => {
  sentry = await startFakeSentry({ token: SENTRY_TOKEN });
  slack = await startFakeSlack();
  linear = await startFakeLinear({ apiKey: LINEAR_KEY });
});
afterAll(async () => {
  await sentry.close();
  await slack.close();
  await linear.close();
});

describe('toolbridge login --with-token', () => {
  it('checks a GitHub token against GITHUB_API_URL, keeps it encrypted, and never prints it', async () => {
    const box = fileSandbox();
    const result = await box.run(['login', 'github', '--with-token'], { ...box.env, GITHUB_API_URL: github.fake().apiUrl }, `${FAKE_TOKEN}\n`);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/✓ Logged in to GitHub as \S+.*; kept in .*credentials\.enc\./);
    expect(result.stdout + result.stderr).not.toContain(FAKE_TOKEN);
    const kept = box.store().get('github');
    expect(kept).toMatchObject({ service: 'github', token: FAKE_TOKEN, method: 'token', baseUrl: github.fake().apiUrl });
    for (const name of readdirSync(box.configDir)) expect(readFileSync(join(box.configDir, name), 'utf8')).not.toContain(FAKE_TOKEN);
    expect(github.fake().requests.at(-1)).toMatchObject({ method: 'GET', path: '/user' });
  });

  it('refuses a token the service rejects, keeping nothing, with where to get a good one', async () => {
    const box = fileSandbox();
    const bad = 'ghp_notAValidTokenForTheFake00000000000000';
    const result = await box.run(['login', 'github', '--with-token'], { ...box.env, GITHUB_API_URL: github.fake().apiUrl }, bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /the token was not kept: GitHub returned 401: the token is missing, invalid or expired: Bad credentials\. Check the token: create a fine-grained token/,
    );
    expect(result.stderr).not.toContain(bad);
    expect(box.store().get('github')).toBeUndefined();
  });

  it('checks a Sentry token against SENTRY_URL and names the organizations it sees', async () => {
    const box = fileSandbox();
    const result = await box.run(['login', 'sentry', '--with-token'], { ...box.env, SENTRY_URL: sentry.url }, SENTRY_TOKEN);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/✓ Logged in to Sentry as organization/);
    expect(box.store().get('sentry')?.token).toBe(SENTRY_TOKEN);
    expect(sentry.problems).toEqual([]);
  });

  it.each([
    ['a bot token', FAKE_SLACK_BOT_TOKEN],
    ['a user token', FAKE_SLACK_USER_TOKEN],
  ])('checks a Slack token (%s) with auth.test against SLACK_API_URL', async (_kind, token) => {
    const box = fileSandbox();
    const result = await box.run(['login', 'slack', '--with-token'], { ...box.env, SLACK_API_URL: slack.apiUrl }, token);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/✓ Logged in to Slack as \S+ in \S+/);
    expect(result.stdout).not.toContain(token);
    expect(box.store().get('slack')?.token).toBe(token);
    expect(slack.problems).toEqual([]);
  });

  it('refuses a Slack token that auth.test refuses, keeping nothing', async () => {
    const box = fileSandbox();
    const revoked = 'xoxb-0000000000-0000000000000-revokedTokenForLoginTests';
    const result = await box.run(['login', 'slack', '--with-token'], { ...box.env, SLACK_API_URL: slack.apiUrl }, revoked);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid_auth/);
    expect(result.stderr).not.toContain(revoked);
    expect(box.store().get('slack')).toBeUndefined();
  });

  it('checks a Linear key against LINEAR_API_URL and names its owner', async () => {
    const box = fileSandbox();
    const result = await box.run(['login', 'linear', '--with-token'], { ...box.env, LINEAR_API_URL: linear.url }, LINEAR_KEY);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/✓ Logged in to Linear as .+ <\S+@\S+>/);
    expect(box.store().get('linear')?.token).toBe(LINEAR_KEY);
    expect(linear.problems).toEqual([]);
  });

  it('asks for --with-token when there is no terminal, and names unknown services and flags', async () => {
    const box = fileSandbox();
    expect(await box.run(['login', 'github'], box.env)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no terminal to ask on\. Pipe the token in with --with-token/),
    });
    expect(await box.run(['login', 'gitlab'], box.env)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown service "gitlab"\. Choose from: github, slack, linear, sentry/),
    });
    expect(await box.run(['login', 'github', '--device', '--with-token'], box.env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/choose one of/) });
  });
});

describe('toolbridge auth status and logout', () => {
  it('shows where each credential is kept, whose it is, and which variable overrides it, never the value; logout forgets it', async () => {
    const box = fileSandbox();
    const env = { ...box.env, GITHUB_API_URL: github.fake().apiUrl, SENTRY_URL: sentry.url };
    await box.run(['login', 'github', '--with-token'], env, FAKE_TOKEN);
    await box.run(['login', 'sentry', '--with-token'], env, SENTRY_TOKEN);
    const status = await box.run(['auth', 'status'], { ...env, SENTRY_AUTH_TOKEN: 'x' });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^github\s+file\s+\S+/m);
    expect(status.stdout).toMatch(/^sentry\s+file\s+organization.*SENTRY_AUTH_TOKEN is set and wins/m);
    expect(status.stdout).toMatch(/^slack\s+-\s+-/m);
    expect(status.stdout).toContain('credentials.enc');
    expect(status.stdout).not.toContain(FAKE_TOKEN);
    const json = JSON.parse((await box.run(['auth', 'status', '--json'], env)).stdout);
    expect(json.find((row: { service: string }) => row.service === 'github')).toMatchObject({ kept: 'file', method: 'token' });
    expect(JSON.stringify(json)).not.toContain(FAKE_TOKEN);

    expect((await box.run(['logout', 'github'], env)).stdout).toMatch(/✓ Forgot the GitHub credential/);
    expect((await box.run(['logout', 'github'], env)).stdout).toMatch(/No GitHub credential was kept/);
    expect(box.store().get('github')).toBeUndefined();
    expect(box.store().get('sentry')?.token).toBe(SENTRY_TOKEN);
  });

  it('init then writes no secret reference for that server, and doctor finds it working without the variable', async () => {
    const box = fileSandbox();
    await box.run(['login', 'github', '--with-token'], { ...box.env, GITHUB_API_URL: github.fake().apiUrl }, FAKE_TOKEN);
    const init = await box.run(['init', '--servers', 'github', '--launcher', 'node'], box.env);
    expect(init.code, init.stderr).toBe(0);
    const entry = JSON.parse(box.read('.mcp.json')).mcpServers.github;
    expect(entry.env).toBeUndefined();
    expect(init.stdout).toMatch(/"github" uses the credential kept by `toolbridge login github`/);
    const doctor = await box.run(['doctor', '--client', 'claude-code'], { ...box.env, ...github.env() });
    expect(doctor.stdout, doctor.stderr).toMatch(/github.*ok/);
    expect(doctor.stdout).not.toMatch(/is not set/);
  }, 60_000);

  it('a server started with no token variable uses what login kept', async () => {
    const box = fileSandbox();
    await box.run(['login', 'github', '--with-token'], { ...box.env, GITHUB_API_URL: github.fake().apiUrl }, FAKE_TOKEN);
    const server = await connectServer(join(import.meta.dirname, '..', '..', 'github'), {
      env: { ...github.env(), ...box.env, HOME: box.home, XDG_CONFIG_HOME: join(box.home, '.config') },
    });
    try {
      const me = await server.call('github_get_me');
      expect(me.isError).toBe(false);
    } finally {
      await server.close();
    }
  });
});

import { FAKE_SLACK_BOT_TOKEN, type FakeLinear, type FakeSentry, type FakeSlack, startFakeLinear, startFakeSentry, startFakeSlack } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from './support/cli.js';
import { FAKE_TOKEN, useFakeGitHub } from './support/fake.js';

const github = useFakeGitHub();
const POSTGRES = process.env.TOOLBRIDGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('doctor against Claude Code configuration written by init', () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = sandbox();
    const init = await box.run(['init', '--servers', 'github,database', '--launcher', 'node'], { GITHUB_TOKEN: FAKE_TOKEN, DATABASE_URL: 'sqlite::memory:' });
    expect(init.code, init.stderr).toBe(0);
  });
  const doctor = (env: Record<string, string>, args: string[] = []) => box.run(['doctor', ...args], { ...github.env(), ...env });

  it('starts each server as Claude Code would, lists its tools and reads who the credential is: all green', async () => {
    const result = await doctor({ GITHUB_TOKEN: FAKE_TOKEN, DATABASE_URL: 'sqlite::memory:' });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^server\s+configured in\s+status\s+tools\s+identity\s+start-up$/);
    expect(lines.find((line) => line.startsWith('github '))).toMatch(/claude-code \.mcp\.json:3\s+✓ ok\s+22\s+octocat \(Mona Octocat\)\s+\d+ ms/);
    expect(lines.find((line) => line.startsWith('database '))).toMatch(/claude-code \.mcp\.json:\d+\s+✓ ok\s+5\s+sqlite, source default, read-only\s+\d+ ms/);
    expect(github.fake().requests.some((request) => request.path === '/user')).toBe(true);
    expect(github.fake().problems).toEqual([]);
  });

  it('--json gives the same results to scripts', async () => {
    const result = await doctor({ GITHUB_TOKEN: FAKE_TOKEN, DATABASE_URL: 'sqlite::memory:' }, ['--json']);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.servers.map((server: { server: string; status: string; identity: string }) => [server.server, server.status, server.identity])).toEqual([
      ['github', 'ok', 'octocat (Mona Octocat)'],
      ['database', 'ok', 'sqlite, source default, read-only'],
    ]);
  });

  it('a wrong token: the server’s 401 and the fix (replace it, where to get one), exit 1', async () => {
    const result = await doctor({ GITHUB_TOKEN: 'ghp_wrongTokenWrongTokenWrongToken0000000', DATABASE_URL: 'sqlite::memory:' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/github\s+claude-code \.mcp\.json:3\s+✗ failed\s+22/);
    expect(result.stdout).toContain('✗ github: github_get_me failed: GitHub returned 401');
    expect(result.stdout).toContain(
      'fix: The credential in GITHUB_TOKEN was refused: replace it (create a fine-grained token at https://github.com/settings/personal-access-tokens',
    );
    expect(result.stdout).not.toContain('ghp_wrongTokenWrongTokenWrongToken0000000');
  });

  it('a missing variable: the .mcp.json line that refers to it and what to set, exit 1', async () => {
    const result = await doctor({ DATABASE_URL: 'sqlite::memory:' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /✗ github: \S+\.mcp\.json:3: "github" refers to "GITHUB_TOKEN", which is not set\n\s+fix: Set GITHUB_TOKEN in the shell that starts Claude Code/,
    );
    // The server itself still starts and offers its tools: only the credential is missing.
    expect(result.stdout).toMatch(/github\s+claude-code \.mcp\.json:3\s+✗ failed\s+22\s+-/);
    expect(result.stdout).toMatch(/database\s+claude-code \.mcp\.json:\d+\s+✓ ok/);
  });

  it('a database that is not reachable: the driver’s words and the fix', async () => {
    const result = await doctor({ GITHUB_TOKEN: FAKE_TOKEN, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' }, ['--servers', 'database']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ECONNREFUSED 127.0.0.1:1');
    expect(result.stdout).toContain('fix: The host is unreachable from here');
  });

  it('a privileged database role is a warning with the fix, not a failure', async () => {
    const result = await doctor({ GITHUB_TOKEN: FAKE_TOKEN, DATABASE_URL: POSTGRES }, ['--servers', 'database']);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /database\s+claude-code \.mcp\.json:\d+\s+! warning\s+5\s+postgres \(postgres, source default, read-only, reads as pg_read_all_data\)/,
    );
    expect(result.stdout).toContain('! database: source default connects with a privileged role: role "postgres" is a SUPERUSER');
    expect(result.stdout).toContain('fix: Connect with a least-privilege read-only role');
  });
});

describe('doctor, other situations', () => {
  it('a host the egress settings block: names the setting and the config file to change', async () => {
    const box = sandbox();
    await box.run(['init', '--servers', 'github', '--launcher', 'node'], { GITHUB_TOKEN: FAKE_TOKEN });
    const config = JSON.parse(box.read('toolbridge.config.json'));
    config.security.blockedDomains = ['127.0.0.1'];
    const file = box.write('toolbridge.config.json', JSON.stringify(config, null, 2));
    const result = await box.run(['doctor'], { ...github.env(), GITHUB_TOKEN: FAKE_TOKEN });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('egress to 127.0.0.1 is blocked by security.blockedDomains');
    expect(result.stdout).toContain(`fix: The egress sandbox refused the request: change security.blockedDomains in ${file}.`);
  });

  it('a config file the server refuses: its message and the file to fix', async () => {
    const box = sandbox();
    await box.run(['init', '--servers', 'github', '--launcher', 'node'], { GITHUB_TOKEN: FAKE_TOKEN });
    const file = box.write('toolbridge.config.json', JSON.stringify({ globalSettings: { retryAttempt: 3 } }));
    const result = await box.run(['doctor'], { ...github.env(), GITHUB_TOKEN: FAKE_TOKEN });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('globalSettings.retryAttempt: unknown key. Did you mean "retryAttempts"?');
    expect(result.stdout).toContain(`fix: Fix the setting named above in ${file}`);
  });

  it('a command that does not exist: the entry to fix', async () => {
    const box = sandbox();
    // An absolute path: under `pnpm test`, PATH holds the workspace's bins, toolbridge-github among them.
    box.write('.mcp.json', JSON.stringify({ mcpServers: { github: { command: '/nonexistent/bin/toolbridge-github', args: [] } } }));
    const result = await box.run(['doctor'], { GITHUB_TOKEN: FAKE_TOKEN });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('"/nonexistent/bin/toolbridge-github" was not found (claude-code .mcp.json:1)');
    expect(result.stdout).toContain('rerun `toolbridge init --replace`');
  });

  it('without any configuration: says to run init; --servers starts the servers installed here', async () => {
    const box = sandbox();
    const none = await box.run(['doctor']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no toolbridge server is configured in any MCP client configuration here: run `toolbridge init`');
    const direct = await box.run(['doctor', '--servers', 'github'], { ...github.env(), GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN });
    expect(direct.code, direct.stdout).toBe(0);
    expect(direct.stdout).toMatch(/github\s+environment\s+✓ ok\s+22\s+octocat/);
  });

  it('an unreadable client file is reported with its line and column, and the other files are still checked', async () => {
    const box = sandbox();
    box.write('.mcp.json', '{ "mcpServers": { ');
    box.write(
      '.cursor/mcp.json',
      JSON.stringify({
        mcpServers: {
          github: { command: process.execPath, args: [require.resolve('@toolbridge/github/package.json').replace('package.json', 'dist/bin.js')] },
        },
      }),
    );
    const result = await box.run(['doctor'], { ...github.env(), GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN });
    expect(result.stderr).toMatch(/cannot read \S+\.mcp\.json:1:\d+: not valid JSON/);
    expect(result.stdout).toMatch(/github\s+cursor \.cursor\/mcp\.json:1\s+✓ ok/);
  });
});

describe('doctor with the Sentry server', () => {
  const SENTRY_TOKEN = 'sntryu_fakeTokenForToolbridgeDoctorTests000000000000';
  let sentry: FakeSentry;
  let box: Sandbox;
  beforeAll(async () => {
    sentry = await startFakeSentry({ token: SENTRY_TOKEN });
    box = sandbox();
    const init = await box.run(['init', '--servers', 'sentry', '--launcher', 'node'], { SENTRY_AUTH_TOKEN: SENTRY_TOKEN, SENTRY_ORG: 'acme' });
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(() => sentry.close());
  const doctor = () => box.run(['doctor'], { SENTRY_AUTH_TOKEN: SENTRY_TOKEN, SENTRY_ORG: 'acme', SENTRY_URL: sentry.url });

  it('reads the organization and its projects the token sees', async () => {
    const result = await doctor();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/sentry\s+claude-code \.mcp\.json:\d+\s+✓ ok\s+\d+\s+organization acme \(\d+ projects?\)/);
    expect(result.stdout).not.toContain(SENTRY_TOKEN);
  });

  it('a token without the scope the read needs: the 403 and which scopes to grant', async () => {
    sentry.queue({ path: /\/projects\/$/, status: 403, body: { detail: 'You do not have permission to perform this action.' } });
    const result = await doctor();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ sentry: sentry_list_projects failed: .*403/);
    expect(result.stdout).toContain(
      'fix: The credential in SENTRY_AUTH_TOKEN lacks a permission this read needs: grant it (create a personal token (scopes org:read',
    );
    expect(result.stdout).not.toContain(SENTRY_TOKEN);
  });
});

describe('doctor with the Slack server', () => {
  let slack: FakeSlack;
  let box: Sandbox;
  beforeAll(async () => {
    slack = await startFakeSlack();
    box = sandbox();
    const init = await box.run(['init', '--servers', 'slack', '--launcher', 'node'], { SLACK_BOT_TOKEN: FAKE_SLACK_BOT_TOKEN });
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(() => slack.close());
  const doctor = (token: string) => box.run(['doctor'], { SLACK_BOT_TOKEN: token, SLACK_API_URL: slack.apiUrl });

  it('reads the channels the bot token sees', async () => {
    const result = await doctor(FAKE_SLACK_BOT_TOKEN);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/slack\s+claude-code \.mcp\.json:\d+\s+✓ ok\s+\d+\s+token reads \d+ channels \(the app is in \d+\)/);
    expect(slack.problems).toEqual([]);
  });

  it("a revoked token: Slack's invalid_auth and the fix, never the token", async () => {
    const revoked = 'xoxb-0000000000-0000000000000-revokedTokenForToolbridgeTests';
    const result = await doctor(revoked);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ slack: slack_list_channels failed: .*invalid_auth/);
    expect(result.stdout).toContain('fix: The credential in SLACK_BOT_TOKEN was refused: replace it (install a Slack app');
    expect(result.stdout).not.toContain(revoked);
  });
});

describe('doctor with the Linear server', () => {
  const LINEAR_KEY = 'lin_api_fakeKeyForToolbridgeDoctorTests0000000000000';
  let linear: FakeLinear;
  let box: Sandbox;
  beforeAll(async () => {
    linear = await startFakeLinear({ apiKey: LINEAR_KEY });
    box = sandbox();
    const init = await box.run(['init', '--servers', 'linear', '--launcher', 'node'], { LINEAR_API_KEY: LINEAR_KEY });
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(() => linear.close());

  it('reads who the key belongs to and in which workspace', async () => {
    const result = await box.run(['doctor'], { LINEAR_API_KEY: LINEAR_KEY, LINEAR_API_URL: linear.url });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/linear\s+claude-code \.mcp\.json:\d+\s+✓ ok\s+\d+\s+\S.* <\S+@\S+> in \S/);
    expect(linear.problems).toEqual([]);
  });

  it('a wrong key: refused, with where to make one, never the key', async () => {
    const wrong = 'lin_api_wrongKeyForToolbridgeDoctorTests00000000000000';
    const result = await box.run(['doctor'], { LINEAR_API_KEY: wrong, LINEAR_API_URL: linear.url });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('fix: The credential in LINEAR_API_KEY was refused: replace it (create a personal API key');
    expect(result.stdout).not.toContain(wrong);
  });
});

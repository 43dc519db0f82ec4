import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { records } from '@toolbridge/core';
import { connectServer, secondaryRateLimit, startFakeGitHub } from '@toolbridge/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheDir, FAKE_TOKEN, openSession, packageDir, REPO, type Session } from './support/session.js';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('github_get_me', () => {
  it('names the token owner', async () => {
    session = await openSession({ args: [] });
    expect(await session.ok('github_get_me')).toEqual({
      login: 'octocat',
      name: 'Mona Octocat',
      email: 'octocat@example.com',
      public_repos: 0,
      private_repos: 0,
      url: 'https://github.com/octocat',
    });
    expect(session.fake.problems).toEqual([]);
  });
});

describe('--lockdown', () => {
  it('hides bodies and comments on public repositories by authors without push access, checking each author once', async () => {
    session = await openSession({ args: ['--lockdown'] });
    const { server } = session;
    expect(server.client.getInstructions()).toContain('Lockdown is on');
    const byOutsider = await session.ok('github_get_issue', { ...REPO, issue_number: 2 });
    expect(byOutsider.body).toBe('[hidden by lockdown: issue #2 body by @drive-by-dan, who has no push access to octo-org/hello-world]');
    expect(byOutsider.title).toBe('Add dark mode');
    const byMaintainer = await session.ok('github_get_issue', { ...REPO, issue_number: 1 });
    expect(byMaintainer.body).toContain('Steps: delete config.json');
    const comments = await session.ok('github_list_comments', { ...REPO, issue_number: 1 });
    const [byOwner, byDan] = records(comments.comments).map((comment: { body: string }) => comment.body);
    expect(byOwner).toMatch(/^<untrusted-content source="comment \d+ on #1 by @octocat">\nConfirmed on main./);
    expect(byDan).toMatch(/^\[hidden by lockdown: comment \d+ on #1 by @drive-by-dan/);
    const batch = await session.ok('github_get_issues', { ...REPO, issue_numbers: [1, 5] });
    expect(batch.issues[1].body).toMatch(/^\[hidden by lockdown: issue #5 body by @drive-by-dan/);
    const pull = await session.ok('github_get_pull_request', { ...REPO, pull_number: 6 });
    expect(pull.body).toMatch(/^\[hidden by lockdown/);
    const diff = await session.ok('github_get_pull_request_diff', { ...REPO, pull_number: 6 });
    expect(records(diff.files)[0]!.patch).toMatch(/^\[hidden by lockdown: patch of README.md/);
    // A triager can label but not push: hidden too.
    session.fake.state
      .repo('octo-org', 'hello-world')!
      .issues.push({ ...session.fake.state.repo('octo-org', 'hello-world')!.issues[0]!, number: 50, user: 'triager-tom', comments: [] });
    expect((await session.ok('github_get_issue', { ...REPO, issue_number: 50 })).body).toMatch(/^\[hidden by lockdown/);
    const checks = session.fake.requests.filter((request) => request.path.includes('/collaborators/')).map((request) => request.path.split('/')[5]);
    expect(checks.sort()).toEqual(['drive-by-dan', 'maintainer-mia', 'octocat', 'triager-tom']);
    expect(session.fake.problems).toEqual([]);
  });

  it('leaves private repositories alone', async () => {
    session = await openSession({ args: ['--lockdown'] });
    const secret = session.fake.state.repo('octo-org', 'secret-plans')!;
    secret.issues.push({ ...secret.issues[0]!, number: 2, user: 'drive-by-dan' });
    const issue = await session.ok('github_get_issue', { owner: 'octo-org', repo: 'secret-plans', issue_number: 2 });
    expect(issue.body).toContain('CONFIDENTIAL');
    expect(session.fake.requests.some((request) => request.path.includes('/collaborators/'))).toBe(false);
  });

  it('shows everything when lockdown is off', async () => {
    session = await openSession({ args: [] });
    expect((await session.ok('github_get_issue', { ...REPO, issue_number: 2 })).body).toContain('Dark mode please!');
    expect(session.fake.requests.some((request) => request.path.includes('/collaborators/'))).toBe(false);
  });
});

describe('rate limits', () => {
  it('waits out a 403 secondary rate limit (retry-after) and then succeeds', async () => {
    session = await openSession({ args: [] });
    session.fake.queue(secondaryRateLimit(1, { path: '/repos/octo-org/hello-world/issues/3' }));
    const started = Date.now();
    const issue = await session.ok('github_get_issue', { ...REPO, issue_number: 3 });
    expect(issue.number).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(session.fake.requests.filter((request) => request.path === '/repos/octo-org/hello-world/issues/3')).toHaveLength(2);
  });

  it('says when to retry once the primary limit is exhausted for longer than the server waits', async () => {
    session = await openSession({ args: [] });
    const reset = Math.floor(Date.now() / 1000) + 3600;
    session.fake.queue({
      path: '/repos/octo-org/hello-world/issues/3',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: {
        message: 'API rate limit exceeded for user ID 1.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        status: '403',
      },
    });
    const result = await session.server.call('github_get_issue', { ...REPO, issue_number: 3 });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/rate limit exhausted; it resets at \d{4}-\d\d-\d\dT[\d:.]+Z \(in \d+ s\)/);
    expect(result.text).toMatch(/Retry after \d+ s/);
  });

  it('explains a secondary limit that names no wait, instead of blaming the token', async () => {
    session = await openSession({ args: [] });
    const { headers: _none, ...withoutRetryAfter } = secondaryRateLimit(1, { path: '/repos/octo-org/hello-world/issues/3' });
    session.fake.queue(withoutRetryAfter);
    const result = await session.server.call('github_get_issue', { ...REPO, issue_number: 3 });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/secondary rate limit reached.*Wait at least 60 s/s);
    expect(result.text).not.toMatch(/lacks the permission/);
  });

  it('turns a GraphQL RATE_LIMITED answer into a retry time', async () => {
    session = await openSession({ args: [] });
    const reset = Math.floor(Date.now() / 1000) + 120;
    session.fake.queue({
      method: 'POST',
      path: '/graphql',
      status: 200,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
    });
    const result = await session.server.call('github_get_issues', { ...REPO, issue_numbers: [1, 2] });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/GitHub rate limit exhausted \(API rate limit exceeded.*\); it resets at .*Retry after 1[12]\d s/s);
  });
});

describe('credentials', () => {
  it('names GITHUB_PERSONAL_ACCESS_TOKEN for an invalid token and never shows the token', async () => {
    const badToken = 'ghp_thisTokenIsWrong0123456789abcdefABCD';
    session = await openSession({ args: [], env: { GITHUB_PERSONAL_ACCESS_TOKEN: badToken } });
    const result = await session.server.call('github_get_issue', { ...REPO, issue_number: 1 });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/401.*GITHUB_PERSONAL_ACCESS_TOKEN.*Bad credentials/);
    expect(result.text).not.toContain(badToken);
    expect(session.server.stderr()).not.toContain(badToken);
  });

  it('starts and lists tools without a token, then explains what to set', async () => {
    const fake = await startFakeGitHub();
    // An empty config dir: a credential saved by `toolbridge login` on this machine stays out of the test.
    const server = await connectServer(packageDir, { env: { TOOLBRIDGE_CACHE_DIR: cacheDir, TOOLBRIDGE_CONFIG_DIR: cacheDir, GITHUB_API_URL: fake.apiUrl } });
    try {
      expect((await server.client.listTools()).tools.length).toBeGreaterThan(10);
      expect(server.client.getInstructions()).toContain('No GitHub token is configured');
      const result = await server.call('github_get_me');
      expect(result).toMatchObject({
        isError: true,
        text: expect.stringMatching(/GITHUB_PERSONAL_ACCESS_TOKEN: no GitHub token is set.*Set GITHUB_PERSONAL_ACCESS_TOKEN/s),
      });
      expect(fake.requests).toEqual([]);
    } finally {
      await server.close();
      await fake.close();
    }
  });

  it('hides write tools a classic token lacks the scopes for, once the probe after tools/list has answered', async () => {
    session = await openSession({ args: [], scopes: ['read:org', 'gist'] });
    // Nothing is known at the first start: the handshake does not wait for GET /user.
    expect((await session.server.client.listTools()).tools.map((tool) => tool.name)).toContain('github_create_issue');
    await session.server.toolListChanged();
    const names = (await session.server.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('github_get_issue');
    expect(names).not.toContain('github_create_issue');
    expect(names).not.toContain('github_merge_pull_request');
    const call = await session.server.call('github_create_issue', { ...REPO, title: 'x' });
    expect(call).toMatchObject({ isError: true, text: expect.stringMatching(/not enabled on this server/) });
  });

  it('sends nothing upstream before tools/list has been answered, and probes once it has', async () => {
    // An upstream that accepts connections and never answers: any request before tools/list would show here.
    const connections: Socket[] = [];
    const silent = createServer((socket) => {
      connections.push(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const fresh = mkdtempSync(join(tmpdir(), 'toolbridge-github-silent-'));
    const server = await connectServer(packageDir, {
      env: { TOOLBRIDGE_CACHE_DIR: fresh, GITHUB_API_URL: `http://127.0.0.1:${port}`, GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN },
    });
    try {
      // Initialized and quiet, well within the 1 s after which idle work would start without a tools/list.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(connections).toEqual([]);
      expect((await server.client.listTools()).tools.map((tool) => tool.name)).toContain('github_create_issue');
      await vi.waitFor(() => expect(connections.length).toBeGreaterThan(0), { timeout: 5_000 });
    } finally {
      await server.close();
      for (const socket of connections) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('remembers the scopes for the next start, so a restart hides them before tools/list', async () => {
    session = await openSession({ args: [], scopes: ['read:org'] });
    await session.server.client.listTools();
    await session.server.toolListChanged();
    await session.server.close();
    // The next probe fails: only what the first start learned can still hide the write tools.
    session.fake.queue({
      method: 'GET',
      path: '/user',
      status: 401,
      body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' },
    });
    const restarted = await connectServer(packageDir, {
      env: { TOOLBRIDGE_CACHE_DIR: cacheDir, GITHUB_API_URL: session.fake.apiUrl, GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN },
    });
    try {
      const names = (await restarted.client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('github_get_issue');
      expect(names).not.toContain('github_create_issue');
      expect(restarted.client.getInstructions()).toMatch(/Not offered because the token lacks the repo or public_repo scope: .*github_create_issue/);
      // Files only: on Node 22 and later the cache directory also holds V8's compile cache (v8/).
      const memory = readdirSync(cacheDir, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => readFileSync(join(cacheDir, entry.name), 'utf8'))
        .join('\n');
      expect(memory).toContain('read:org');
      expect(memory).not.toContain(FAKE_TOKEN);
    } finally {
      await restarted.close();
    }
  });

  it('keeps write tools for a token with public_repo', async () => {
    session = await openSession({ args: [], scopes: ['public_repo'] });
    expect((await session.server.client.listTools()).tools.map((tool) => tool.name)).toContain('github_create_issue');
  });

  it('does not probe fine-grained tokens, which have permissions rather than scopes', async () => {
    const fineGrained = 'github_pat_11AAAAAAA0fakeFineGrainedToken0000000000000000';
    session = await openSession({ args: [], scopes: [], token: fineGrained, env: { GITHUB_PERSONAL_ACCESS_TOKEN: fineGrained } });
    expect((await session.server.client.listTools()).tools.map((tool) => tool.name)).toContain('github_create_issue');
    expect(session.fake.requests).toEqual([]);
  });
});

describe('GitHub Enterprise Server', () => {
  it('uses /api/v3 for REST and /api/graphql for GraphQL from GITHUB_API_URL', async () => {
    session = await openSession({ args: [], enterprise: true });
    expect(session.fake.apiUrl).toMatch(/\/api\/v3$/);
    expect((await session.ok('github_get_issue', { ...REPO, issue_number: 1 })).number).toBe(1);
    expect((await session.ok('github_get_issues', { ...REPO, issue_numbers: [1, 2] })).issues).toHaveLength(2);
    const paths = session.fake.requests.map((request) => request.path);
    expect(paths).toContain('/api/v3/repos/octo-org/hello-world/issues/1');
    expect(paths).toContain('/api/graphql');
    expect(paths.every((path) => path.startsWith('/api/'))).toBe(true);
    expect(session.fake.problems).toEqual([]);
  });
});

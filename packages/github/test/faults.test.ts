import { createServer } from 'node:net';
import { connectServer } from '@toolbridge/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheDir, FAKE_TOKEN, openSession, packageDir, REPO, type Session } from './support/session.js';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('names that would re-route a request', () => {
  it.each([
    ['github_add_comment', { owner: '..', repo: '..', issue_number: 1, body: 'hi' }],
    ['github_create_issue', { owner: '..', repo: 'user', title: 'x' }],
    ['github_get_issue', { owner: 'octo-org', repo: '..', issue_number: 1 }],
    ['github_get_file', { owner: 'octo/org', repo: 'hello-world', path: 'README.md' }],
  ])('%s %j is refused before anything is sent', async (tool, args) => {
    session ??= await openSession();
    const before = session.fake.requests.length;
    const result = await session.server.call(tool, args);
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/invalid arguments: (owner|repo): not a (GitHub login|repository name)/);
    expect(session.fake.requests.slice(before).filter((request) => request.path !== '/user')).toEqual([]);
  });
});

describe('answers GitHub should never send', () => {
  it('an issue whose body is one 8 MB string is read whole (within maxResponseSize)', async () => {
    // The fake's own check of an 8 MB answer against GitHub's schema takes seconds; it adds nothing here.
    session = await openSession({ checkResponses: false });
    const body = 'x'.repeat(8_400_000);
    session.fake.state.repo('octo-org', 'hello-world')!.issues.find((issue) => issue.number === 3)!.body = body;
    const result = await session.server.call('github_get_issue', { ...REPO, issue_number: 3 });
    expect(result.text.slice(0, 300)).not.toMatch(/failed/);
    expect(result.isError).toBe(false);
    expect(result.structured?.number).toBe(3);
  });

  it.each([
    ['truncated JSON', { headers: { 'content-type': 'application/json' }, body: '{"number": 3, "title": "cut' }, /malformed or truncated JSON/],
    ['an HTML page with status 200', { headers: { 'content-type': 'text/html' }, body: '<html><body>Sign in to continue</body></html>' }, /an HTML page/],
    ['an empty 200', { headers: { 'content-type': 'application/json' }, body: '' }, /an empty body where JSON was expected/],
  ])('%s gets its own clear error naming GitHub', async (_name, answer, message) => {
    session = await openSession();
    for (let attempt = 0; attempt < 4; attempt++) session.fake.queue({ path: '/repos/octo-org/hello-world/issues/3', status: 200, ...answer });
    const result = await session.server.call('github_get_issue', { ...REPO, issue_number: 3 });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/GitHub sent an answer that is not what its API promises \(200\)/);
    expect(result.text).toMatch(message);
  });
});

describe('GraphQL errors inside a 200', () => {
  const graphqlError = (type: string | undefined, message: string) => ({
    path: '/graphql',
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data: null, errors: [{ ...(type ? { type } : {}), message }] }),
  });

  it.each([
    ['NOT_FOUND', 'NOT_FOUND', "Could not resolve to a Repository with the name 'octo-org/nope'.", /octo-org\/hello-world: Could not resolve to a Repository/],
    [
      'INSUFFICIENT_SCOPES',
      'INSUFFICIENT_SCOPES',
      'Your token has not been granted the required scopes to execute this query.',
      /GitHub refused the request: not allowed: Your token has not been granted the required scopes.*lacks the permission or scope/s,
    ],
    [
      'a document GitHub refused (no type)',
      undefined,
      "Field 'nope' doesn't exist on type 'Repository'",
      /GraphQL query rejected: Field 'nope'.*likely a bug in the server/s,
    ],
  ])('%s is reported by what it means, never as a made-up HTTP 400', async (_label, type, message, expected) => {
    session = await openSession();
    session.fake.queue(graphqlError(type, message));
    const result = await session.server.call('github_get_issues', { ...REPO, issue_numbers: [1, 2] });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(expected);
    expect(result.text).not.toMatch(/\b400\b/);
  });
});

describe('GitHub unreachable', () => {
  it('answers the handshake from what it knows locally, even when GitHub never answers', async () => {
    const silent = await blackHole();
    const server = await connectServer(packageDir, {
      env: { GITHUB_API_URL: silent.url, GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN, TOOLBRIDGE_CACHE_DIR: cacheDir },
    });
    try {
      expect((await server.client.listTools()).tools.map((tool) => tool.name)).toContain('github_create_issue');
    } finally {
      await server.close();
      silent.close();
    }
  });

  it('does not let a failed background probe open the circuit: the first call names the real cause', async () => {
    const port = await closedPort();
    const server = await connectServer(packageDir, {
      env: { GITHUB_API_URL: `http://127.0.0.1:${port}`, GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN, TOOLBRIDGE_CACHE_DIR: cacheDir },
      args: ['--log-level', 'debug'],
    });
    try {
      await server.client.listTools();
      // Wait for the scope probe (after tools/list) to have failed and said so.
      for (let waited = 0; !/could not check the token's scopes/.test(server.stderr()) && waited < 10_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(server.stderr()).toMatch(/could not check the token's scopes \(could not reach 127\.0\.0\.1:\d+: ECONNREFUSED/);
      const call = await server.call('github_get_issue', { ...REPO, issue_number: 1 });
      expect(call.isError).toBe(true);
      expect(call.text).toMatch(/could not reach 127\.0\.0\.1:\d+: ECONNREFUSED/);
      expect(call.text).not.toMatch(/unavailable/);
    } finally {
      await server.close();
    }
  });
});

/** A loopback server that accepts connections and never answers. */
function blackHole(): Promise<{ url: string; close(): void }> {
  return new Promise((resolve) => {
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer((socket) => sockets.add(socket));
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => {
          for (const socket of sockets) socket.destroy();
          server.close();
        },
      });
    });
  });
}

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

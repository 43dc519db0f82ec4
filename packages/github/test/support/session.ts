import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConnectedServer, connectServer, type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from '@toolbridge/testkit';
import { sessionPerTest } from '@toolbridge/testkit/vitest';
import { afterAll } from 'vitest';

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
export const FAKE_TOKEN = 'ghp_fakeTokenForToolbridgeTests0000000000';
export const REPO = { owner: 'octo-org', repo: 'hello-world' };

/** What servers keep between launches (the scopes they learned) stays inside the test file's own folder. */
export const cacheDir = mkdtempSync(join(tmpdir(), 'toolbridge-github-test-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

export interface Session {
  fake: FakeGitHub;
  server: ConnectedServer;
  /** Calls a tool; fails the test with the server's text when the call errs. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the structured result's fields directly
  ok(name: string, args?: Record<string, unknown>): Promise<Record<string, any>>;
  close(): Promise<void>;
}

/** A fake GitHub and the built server (all toolsets) talking to it over stdio through the MCP client. */
export async function openSession(options: FakeGitHubOptions & { args?: string[]; env?: Record<string, string> } = {}): Promise<Session> {
  const fake = await startFakeGitHub({ token: FAKE_TOKEN, ...options });
  const server = await connectServer(packageDir, {
    env: { GITHUB_API_URL: fake.apiUrl, GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN, TOOLBRIDGE_CACHE_DIR: cacheDir, ...options.env },
    args: options.args ?? ['--toolsets', 'all'],
  });
  return {
    fake,
    server,
    ok: server.ok,
    close: async () => {
      await server.close();
      await fake.close();
    },
  };
}

/** A fresh fake and server for every test of the file (for tests that change the world); returns a getter. */
export function useFreshSession(options?: Parameters<typeof openSession>[0]): () => Session {
  return sessionPerTest(() => openSession(options));
}

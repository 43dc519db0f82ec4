import { fileURLToPath } from 'node:url';
import { type ConnectedServer, connectServer, type FakeLinear, type FakeLinearOptions, startFakeLinear } from '@toolbridge/testkit';
import { sessionPerFile, sessionPerTest } from '@toolbridge/testkit/vitest';

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
export const FAKE_KEY = 'lin_api_fakeKeyForToolbridgeTests000000000000000';
export const FAKE_OAUTH = 'lin_oauth_fakeTokenForToolbridgeTests0000000000';

export interface Session {
  fake: FakeLinear;
  server: ConnectedServer;
  /** Calls a tool; fails the test with the server's text when the call errs. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the structured result's fields directly
  ok(name: string, args?: Record<string, unknown>): Promise<Record<string, any>>;
  /** Calls a tool that must fail; returns its text. */
  fails(name: string, args?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** A fake Linear and the built server talking to it over stdio through the MCP client. */
export async function openSession(options: FakeLinearOptions & { args?: string[]; env?: Record<string, string> } = {}): Promise<Session> {
  const fake = await startFakeLinear({ apiKey: FAKE_KEY, oauthToken: FAKE_OAUTH, ...options });
  const server = await connectServer(packageDir, {
    env: { LINEAR_API_URL: fake.url, LINEAR_API_KEY: FAKE_KEY, ...options.env },
    args: options.args ?? [],
  });
  return {
    fake,
    server,
    ok: server.ok,
    fails: server.fails,
    close: async () => {
      await server.close();
      await fake.close();
    },
  };
}

/** One fake and server for the whole file (tests that only read). */
export function useSession(options?: Parameters<typeof openSession>[0]): () => Session {
  return sessionPerFile(() => openSession(options));
}

/** A fresh fake and server for every test of the file (tests that change the world). */
export function useFreshSession(options?: Parameters<typeof openSession>[0]): () => Session {
  return sessionPerTest(() => openSession(options));
}

import { fileURLToPath } from 'node:url';
import { type ConnectedServer, connectServer, type FakeSentry, type FakeSentryOptions, startFakeSentry } from '@toolbridge/testkit';
import { sessionPerTest } from '@toolbridge/testkit/vitest';

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
export const FAKE_TOKEN = 'sntryu_fakeTokenForToolbridgeTests00000000000000';

export interface Session {
  fake: FakeSentry;
  server: ConnectedServer;
  /** Calls a tool; fails the test with the server's text when the call errs. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the structured result's fields directly
  ok(name: string, args?: Record<string, unknown>): Promise<Record<string, any>>;
  close(): Promise<void>;
}

/** A fake Sentry and the built server talking to it over stdio through the MCP client. */
export async function openSession(options: FakeSentryOptions & { args?: string[]; env?: Record<string, string> } = {}): Promise<Session> {
  const fake = await startFakeSentry({ token: FAKE_TOKEN, ...options });
  const server = await connectServer(packageDir, {
    env: { SENTRY_URL: fake.url, SENTRY_AUTH_TOKEN: FAKE_TOKEN, SENTRY_ORG: 'acme', ...options.env },
    args: options.args ?? [],
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

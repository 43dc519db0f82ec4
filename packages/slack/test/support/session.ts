import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ConnectedServer,
  connectServer,
  FAKE_SLACK_BOT_TOKEN,
  FAKE_SLACK_USER_TOKEN,
  type FakeSlack,
  type FakeSlackOptions,
  startFakeSlack,
} from '@toolbridge/testkit';
import { sessionPerFile } from '@toolbridge/testkit/vitest';

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
export { FAKE_SLACK_BOT_TOKEN, FAKE_SLACK_USER_TOKEN };

export interface SessionOptions extends FakeSlackOptions {
  args?: string[];
  env?: Record<string, string>;
  /** Leave out the user token (a bot-only install). */
  botOnly?: boolean;
  /** Share a cache dir with another session (default: a fresh one). */
  cacheDir?: string;
  /** Runs on the fake before the server starts (faults for its first requests). */
  prepare?: (fake: FakeSlack) => void;
}

export interface Session {
  fake: FakeSlack;
  server: ConnectedServer;
  cacheDir: string;
  /** Calls a tool; fails the test with the server's text when the call errs. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the structured result's fields directly
  ok(name: string, args?: Record<string, unknown>): Promise<Record<string, any>>;
  /** Calls a tool that must fail; returns its text. */
  fails(name: string, args?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** A fake Slack and the built server talking to it over stdio through the MCP client. */
export async function openSession(options: SessionOptions = {}): Promise<Session> {
  const fake = await startFakeSlack(options);
  options.prepare?.(fake);
  const cacheDir = options.cacheDir ?? mkdtempSync(join(tmpdir(), 'toolbridge-slack-test-'));
  const server = await connectServer(packageDir, {
    env: {
      SLACK_API_URL: fake.apiUrl,
      SLACK_BOT_TOKEN: FAKE_SLACK_BOT_TOKEN,
      ...(options.botOnly ? {} : { SLACK_USER_TOKEN: FAKE_SLACK_USER_TOKEN }),
      TOOLBRIDGE_CACHE_DIR: cacheDir,
      ...options.env,
    },
    args: options.args ?? [],
  });
  return {
    fake,
    server,
    cacheDir,
    ok: server.ok,
    fails: server.fails,
    close: async () => {
      await server.close();
      await fake.close();
    },
  };
}

/** One fake and server for the whole file; returns a getter. */
export function useSession(options?: SessionOptions): () => Session {
  return sessionPerFile(() => openSession(options));
}

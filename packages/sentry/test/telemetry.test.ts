import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTrace, startFakeSentryIngest } from '@toolbridge/testkit';
import { describe, expect, it } from 'vitest';
import { FAKE_TOKEN, openSession } from './support/session.js';

const MISSING = 'NOPE-7Q';

/** A code cache directory of its own: the loader keeps one there for each side bundle it runs, the SDK's among them. */
function codeCache() {
  const dir = mkdtempSync(join(tmpdir(), 'toolbridge-sentry-code-cache-'));
  const sdkRan = () => existsSync(dir) && readdirSync(dir).some((name) => name.includes('-sentry-node-'));
  return { env: { TOOLBRIDGE_CODE_CACHE_DIR: dir }, sdkRan };
}

describe('telemetry (TOOLBRIDGE_TELEMETRY_DSN)', () => {
  it('is silent when unset: the bundle never loads its telemetry chunk', async () => {
    const trace = importTrace();
    const cache = codeCache();
    const session = await openSession({ env: { ...trace.env, ...cache.env } });
    try {
      expect((await session.server.call('sentry_get_error_details', { issue: MISSING })).isError).toBe(true);
    } finally {
      await session.close();
    }
    const modules = trace.modules();
    expect(modules.some((url) => url.endsWith('/dist/bin.js'))).toBe(true);
    expect(modules.filter((url) => /sentry-reporter|@sentry\//.test(url))).toEqual([]);
    expect(cache.sdkRan()).toBe(false);
  });

  it('when set, sends a failed call to the DSN scrubbed: no token, no argument values', async () => {
    const ingest = await startFakeSentryIngest();
    const cache = codeCache();
    const session = await openSession({ env: { ...cache.env, TOOLBRIDGE_TELEMETRY_DSN: ingest.dsn } });
    try {
      const result = await session.server.call('sentry_get_error_details', { issue: MISSING });
      expect(result.text).toMatch(/Sentry returned 404/);
      const envelope = await ingest.envelope(0, 15_000);
      const event = envelope.items[0]!.payload;
      expect(event).toMatchObject({
        level: 'warning',
        release: 'toolbridge-sentry@0.1.0',
        tags: { server: 'toolbridge-sentry', tool: 'sentry_get_error_details', failure: 'not_found' },
        contexts: { tool_call: { argument_names: ['issue'] } },
      });
      expect(event.contexts.tool_call.outcome).toMatch(/^Sentry returned 404: not found/);
      expect(envelope.raw).not.toContain(MISSING);
      expect(envelope.raw).not.toContain(FAKE_TOKEN);
      // What the test above checks is not run without a DSN is seen when it is.
      expect(cache.sdkRan()).toBe(true);
    } finally {
      await session.close();
      await ingest.close();
    }
  });
});

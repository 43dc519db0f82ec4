import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
  type ConnectedServer,
  connectCommand,
  type FakeSentryIngest,
  type FakeUpstream,
  importTrace,
  startFakeSentryIngest,
  startFakeUpstream,
} from '@toolbridge/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { argumentNames, argumentValues, scrubEvent } from '../src/telemetry/scrub.js';

const SERVER = resolve(import.meta.dirname, 'fixtures/example-server.mjs');
const TOKEN = 'ghp_TelemetrySecretToken0123456789abcdefAB';
const MISSING_ID = 424242;

let server: ConnectedServer | undefined;
let ingest: FakeSentryIngest | undefined;
let api: FakeUpstream | undefined;
afterEach(async () => {
  await server?.close();
  await ingest?.close();
  await api?.close();
  server = ingest = api = undefined;
});

const start = async (env: Record<string, string>) => {
  api = await startFakeUpstream({ 'GET /items/:id': () => ({ status: 404, body: { message: 'no such item' } }) });
  server = await connectCommand(process.execPath, [SERVER], { env: { EXAMPLE_TOKEN: TOKEN, EXAMPLE_API_URL: api.url, ...env } });
  return server;
};

describe('telemetry', () => {
  it('loads nothing and sends nothing when TOOLBRIDGE_TELEMETRY_DSN is unset', async () => {
    const trace = importTrace();
    ingest = await startFakeSentryIngest();
    const connected = await start(trace.env);
    expect((await connected.call('example_get_item', { id: MISSING_ID })).isError).toBe(true);
    await connected.close();
    server = undefined;
    expect(trace.modules().some((url) => url.includes('/src/server/') || url.includes('/dist/server/'))).toBe(true);
    expect(trace.modules().filter((url) => /@sentry|telemetry\/sentry-reporter/.test(url))).toEqual([]);
    expect(ingest.envelopes).toEqual([]);
  });

  it('reports a failed tool call with its tool and kind, without secrets or argument values', async () => {
    ingest = await startFakeSentryIngest();
    const connected = await start({ TOOLBRIDGE_TELEMETRY_DSN: ingest.dsn });
    const result = await connected.call('example_get_item', { id: MISSING_ID });
    expect(result.text).toContain(`item ${MISSING_ID} does not exist`);
    const envelope = await ingest.envelope(0, 15_000);
    const event = envelope.items.find((item) => item.header.type === 'event')!.payload;
    expect(event).toMatchObject({
      level: 'warning',
      release: 'toolbridge-example@1.2.3',
      tags: { server: 'toolbridge-example', tool: 'example_get_item', failure: 'NotFoundError' },
      contexts: { tool_call: { tool: 'example_get_item', argument_names: ['id'], outcome: 'item [argument] does not exist. List items to see valid ids.' } },
      exception: { values: [{ type: 'NotFoundError', value: 'item [argument] does not exist', mechanism: { type: 'toolbridge.tool', handled: true } }] },
      fingerprint: ['toolbridge-example', 'example_get_item', 'NotFoundError'],
    });
    expect(envelope.raw).not.toContain(String(MISSING_ID));
    expect(envelope.raw).not.toContain(TOKEN);
    expect(event).not.toHaveProperty('server_name');
  });

  it('reports a crash (redacted) before the process dies as Node would have let it', async () => {
    ingest = await startFakeSentryIngest();
    const child = spawn(process.execPath, [SERVER], {
      env: { PATH: process.env.PATH, EXAMPLE_TOKEN: TOKEN, EXAMPLE_CRASH_AFTER_MS: '200', TOOLBRIDGE_TELEMETRY_DSN: ingest.dsn },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(1);
    expect(stderr).toMatch(/toolbridge-example crashed: Error: the example server crashed holding \[REDACTED\]/);
    const event = (await ingest.envelope()).items[0]!.payload;
    expect(event).toMatchObject({
      level: 'fatal',
      exception: { values: [{ value: 'the example server crashed holding [REDACTED]', mechanism: { handled: false } }] },
    });
    expect(JSON.stringify(event)).not.toContain(TOKEN);
  });

  it('refuses a DSN that is not one at start, naming the variable', async () => {
    await expect(start({ TOOLBRIDGE_TELEMETRY_DSN: 'not-a-dsn' })).rejects.toThrow(/TOOLBRIDGE_TELEMETRY_DSN: is not a Sentry DSN/);
  });
});

describe('telemetry scrubbing', () => {
  it('masks argument values (plain and URL-encoded), secrets and the home directory, and drops who and where', () => {
    const args = { issue: 'PROJ-1A', query: 'user:a b', limit: 25, nested: { path: ['src/app.ts'] } };
    expect(argumentNames(args)).toEqual(['issue', 'query', 'limit', 'nested.path']);
    const values = argumentValues(args);
    const event = {
      server_name: 'laptop-of-jane',
      user: { ip_address: '10.0.0.1' },
      message: `GET /issues/PROJ-1A/?q=${encodeURIComponent('user:a b')} failed for src/app.ts with ${TOKEN} in ${process.env.HOME}/x`,
      extra: { limit: 25, token: 'abc' },
    };
    expect(scrubEvent(event, values)).toEqual({
      message: 'GET /issues/[argument]/?q=[argument] failed for [argument] with ghp_[REDACTED] in ~/x',
      extra: { limit: 25, token: '[REDACTED]' },
    });
  });
});

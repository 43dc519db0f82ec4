import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One envelope as a Sentry SDK posts it: a header line, then a header and a payload line per item. */
export interface SentryEnvelope {
  header: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: an SDK payload of any item type, read field by field by tests
  items: Array<{ header: Record<string, unknown>; payload: any }>;
  /** The whole body as received (decompressed), to search for what must not be there. */
  raw: string;
}

export interface FakeSentryIngest {
  /** A DSN pointing here: http://public@127.0.0.1:<port>/42 */
  dsn: string;
  envelopes: SentryEnvelope[];
  /** Resolves with the envelope number `index` (0-based) once it arrives. */
  envelope(index?: number, timeoutMs?: number): Promise<SentryEnvelope>;
  close(): Promise<void>;
}

function parseEnvelope(raw: string): SentryEnvelope {
  const [first = '{}', ...rest] = raw.split('\n');
  const items: SentryEnvelope['items'] = [];
  for (let index = 0; index + 1 < rest.length; index += 2) {
    if (!rest[index]) continue;
    items.push({ header: JSON.parse(rest[index]!), payload: JSON.parse(rest[index + 1]!) });
  }
  return { header: JSON.parse(first), items, raw };
}

/** A Sentry ingest endpoint on 127.0.0.1 that records the envelopes telemetry sends. */
export async function startFakeSentryIngest(): Promise<FakeSentryIngest> {
  const envelopes: SentryEnvelope[] = [];
  const waiting: Array<() => void> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const raw = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
      if (request.url?.includes('/envelope/')) envelopes.push(parseEnvelope(raw));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      for (const wake of waiting.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://public@127.0.0.1:${port}/42`,
    envelopes,
    envelope: (index = 0, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no envelope #${index} within ${timeoutMs} ms (${envelopes.length} received)`)), timeoutMs);
        const check = () => {
          const found = envelopes[index];
          if (!found) return void waiting.push(check);
          clearTimeout(timer);
          resolve(found);
        };
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

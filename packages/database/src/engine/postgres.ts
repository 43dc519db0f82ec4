import type { FieldDef, Pool, PoolClient, QueryArrayConfig } from 'pg';
import type { SourceConfig } from '../config/settings.js';
import { limitsFor, RowCollector, writeResult } from './cells.js';
import { connectError, fromDriverError } from './errors.js';
import { postgresPrivilegeWarnings } from './postgres-privileges.js';
import type { Column, Driver, QueryResult, ReadRequest, WriteResult } from './types.js';

/** Dates and times stay as the server wrote them: converting through JS Date would shift time zones. */
const TEXT_TYPES = new Set([1082, 1083, 1114, 1184, 1266]);
// Small batches: a batch is held in memory whole, and rows may carry huge cells before they are cut.
const INT8 = 20;
/** count(*) and other bigints as numbers while exact, as text beyond 2^53. */
const parseInt8 = (value: string): number | string => {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value;
};
const FETCH_BATCH = 50;
/** After a cancel request, how long the server gets to answer before the socket is cut. */
const CANCEL_GRACE_MS = 2_000;

type PgModule = typeof import('pg');

/**
 * PostgreSQL: every user statement goes through the extended protocol (pg-cursor parses, binds and
 * executes one statement: the server itself refuses a second one), inside BEGIN READ ONLY with
 * server-side statement and lock timeouts, always rolled back, then DISCARD ALL before the connection
 * goes back to the pool. A connection that failed or was cancelled is destroyed instead.
 */
export async function createPostgresDriver(source: SourceConfig): Promise<Driver> {
  const pg = await importPg();
  const Cursor = (await import('pg-cursor')).default;
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      TEXT_TYPES.has(oid) ? (value: string) => value : oid === INT8 ? parseInt8 : pg.types.getTypeParser(oid, format ?? 'text'),
  };
  const pool: Pool = new pg.Pool({
    connectionString: source.dsn.url,
    max: source.poolSize,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: 'toolbridge-database',
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const typeNames = new Map<number, string>();

  async function columnsOf(client: PoolClient, fields: readonly FieldDef[]): Promise<Column[]> {
    const unknown = [...new Set(fields.map((field) => field.dataTypeID).filter((oid) => !typeNames.has(oid)))];
    if (unknown.length) {
      const found = await client.query({
        text: 'SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
        values: [unknown],
      });
      for (const row of found.rows as Array<{ oid: number; name: string }>) typeNames.set(row.oid, row.name);
    }
    return fields.map((field) => ({ name: field.name, type: typeNames.get(field.dataTypeID) ?? `oid ${field.dataTypeID}` }));
  }

  /** Runs `work` on a pooled connection; cancels on the server when the time limit or the caller's signal fires. */
  async function withConnection<T>(request: ReadRequest, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect().catch((error: unknown) => {
      throw connectError(error, source.dsn.label);
    });
    let cancelled = false;
    let cutTimer: NodeJS.Timeout | undefined;
    const cancel = () => {
      if (cancelled) return;
      cancelled = true;
      sendCancel(pg, source.dsn.url, client);
      cutTimer = setTimeout(() => destroySocket(client), CANCEL_GRACE_MS);
    };
    // statement_timeout cancels on the server; this watchdog covers a server that did not.
    const watchdog = setTimeout(cancel, request.timeoutMs + CANCEL_GRACE_MS);
    request.signal?.addEventListener('abort', cancel, { once: true });
    try {
      const value = await work(client);
      await client.query('DISCARD ALL');
      // A cancel that raced a finished statement may still land: never pool that connection.
      if (cancelled) client.release(new Error('cancelled'));
      else client.release();
      return value;
    } catch (error) {
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw fromDriverError(error, 'postgres', request.timeoutMs);
    } finally {
      clearTimeout(watchdog);
      clearTimeout(cutTimer);
      request.signal?.removeEventListener('abort', cancel);
    }
  }

  // Our own constant text in one round trip (the simple protocol is fine here: no user SQL in it).
  // standard_conforming_strings on: the server reads backslashes in strings as the SQL checker does.
  const begin = (client: PoolClient, mode: 'READ ONLY' | 'READ WRITE', timeoutMs: number) =>
    client.query(
      `BEGIN ${mode}; SET LOCAL statement_timeout = ${Math.trunc(timeoutMs)}; SET LOCAL lock_timeout = ${Math.trunc(Math.min(timeoutMs, 5_000))}; ` +
        'SET LOCAL standard_conforming_strings = on',
    );

  return {
    dialect: 'postgres',
    read: (request) =>
      withConnection(request, async (client): Promise<QueryResult> => {
        const started = performance.now();
        await begin(client, 'READ ONLY', request.timeoutMs);
        try {
          const collector = new RowCollector(request.maxRows, limitsFor(source, request));
          const cursor = client.query(new Cursor(request.sql, [...request.params], { rowMode: 'array', types }));
          let fields: FieldDef[] = [];
          for (;;) {
            const batch = Math.min(FETCH_BATCH, collector.wanted);
            const { rows, result } = await readBatch(cursor, batch);
            fields = result?.fields ?? fields;
            if (!rows.every((row) => collector.push(row)) || rows.length < batch) break;
          }
          await cursor.close();
          const columns = await columnsOf(client, fields);
          await client.query('ROLLBACK');
          return collector.result(columns, started);
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    write: (request) =>
      withConnection(request, async (client): Promise<WriteResult> => {
        const started = performance.now();
        await begin(client, 'READ WRITE', request.timeoutMs);
        try {
          // queryMode 'extended': parse/bind/execute even without parameters, so a second statement is refused.
          const config = { text: request.sql, values: [...request.params], rowMode: 'array', types, queryMode: 'extended' };
          const result = await client.query(config as unknown as QueryArrayConfig);
          await client.query('COMMIT');
          const collector = new RowCollector(request.maxRows, limitsFor(source, request));
          for (const row of (result.rows ?? []) as unknown[][]) if (!collector.push(row)) break;
          return writeResult(result.command ?? 'UNKNOWN', result.rowCount ?? 0, await columnsOf(client, result.fields ?? []), collector, started);
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    privilegeWarnings: async () => {
      const client = await pool.connect();
      try {
        return await postgresPrivilegeWarnings(client);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * pg asks at load whether it runs on Cloudflare Workers: through `navigator.userAgent` where there is
 * one (Node 21 and later), else by building a `Response`, which on Node 20 loads the whole fetch stack
 * (about 14 ms at every start of a server that makes no HTTP request). A `navigator` for the length of
 * the import answers it the cheap way.
 */
async function importPg(): Promise<PgModule> {
  const lent = !('navigator' in globalThis);
  if (lent) Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true });
  try {
    return (await import('pg')).default as unknown as PgModule;
  } finally {
    if (lent) Reflect.deleteProperty(globalThis, 'navigator');
  }
}

interface CursorLike {
  read(count: number, callback: (error: Error | undefined, rows: unknown[][], result: { fields: FieldDef[] }) => void): void;
}

function readBatch(cursor: CursorLike, count: number): Promise<{ rows: unknown[][]; result: { fields: FieldDef[] } | undefined }> {
  return new Promise((resolve, reject) => {
    cursor.read(count, (error, rows, result) => (error ? reject(error) : resolve({ rows, result })));
  });
}

/** The protocol's CancelRequest on a fresh connection: the server stops the running statement. */
function sendCancel(pg: PgModule, url: string, client: PoolClient): void {
  const internal = client as unknown as { activeQuery?: unknown };
  const canceller = new pg.Client({ connectionString: url }) as unknown as {
    cancel(client: unknown, query: unknown): void;
    connection: { on(event: string, handler: () => void): void; end(): void };
  };
  canceller.connection.on('error', () => undefined);
  if (internal.activeQuery) canceller.cancel(client, internal.activeQuery);
}

function destroySocket(client: PoolClient): void {
  const internal = client as unknown as { connection?: { stream?: { destroy(error?: Error): void } } };
  internal.connection?.stream?.destroy(new Error('connection cut after an unanswered cancel'));
}

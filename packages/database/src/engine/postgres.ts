import type { FieldDef, Pool, PoolClient, QueryArrayConfig } from 'pg';
import type { SourceConfig } from '../config/settings.js';
import { withoutTrailingSemicolon } from '../guard/postgres/string-literals.js';
import { boundedStatement, POSTGRES_CELLS, type Shape } from './bounded-cells.js';
import { connectError, fromDriverError } from './errors.js';
import { describeStatement } from './postgres-describe.js';
import { type ReadPlan, ReadPlans, sameColumns } from './postgres-plans.js';
import { postgresRole, quoteIdentifier } from './postgres-privileges.js';
import { type RowDecoder, readLimited } from './postgres-read.js';
import { firstKeyword, limitsFor, RowCollector, writeResult } from './rows.js';
import type { Column, Driver, EngineSession, QueryResult, ReadRequest, RoleReport, WriteResult } from './types.js';

/** Dates and times stay as the server wrote them: converting through JS Date would shift time zones. */
const TEXT_TYPES = new Set([1082, 1083, 1114, 1184, 1266]);
const INT8 = 20;
/** count(*) and other bigints as numbers while exact, as text beyond 2^53. */
const parseInt8 = (value: string): number | string => {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value;
};
/** Rows per fetch at most; fewer when rows are wide, so one batch stays within the byte budget. */
const FETCH_BATCH = 50;
/** After a cancel request, how long the server gets to answer before the socket is cut. */
const CANCEL_GRACE_MS = 2_000;
/** Statements whose output the server builds from the statement itself: read as they are, never wrapped. */
const UNWRAPPED = new Set(['EXPLAIN', 'SHOW']);
/**
 * Back to a clean session in one round trip: the transaction rolled back, then what DISCARD ALL does
 * (which cannot share a query string with ROLLBACK), statement by statement as its documentation lists
 * it. Session advisory locks, settings, prepared statements, cursors, LISTENs, temporary tables.
 */
const END_AND_RESET = [
  'ROLLBACK',
  'CLOSE ALL',
  'SET SESSION AUTHORIZATION DEFAULT',
  'RESET ALL',
  'DEALLOCATE ALL',
  'UNLISTEN *',
  'SELECT pg_catalog.pg_advisory_unlock_all()',
  'DISCARD PLANS',
  'DISCARD TEMP',
  'DISCARD SEQUENCES',
] as const;
/** What PostgreSQL answers when a statement cannot be a subquery (a data-modifying WITH, RETURNING, CALL). */
const NOT_A_SUBQUERY = new Set(['0A000', '42601']);
const isNotASubquery = (error: unknown) => NOT_A_SUBQUERY.has(String((error as { code?: string }).code));

type PgModule = typeof import('pg') & { Result: new (rowMode: 'array', types: unknown) => RowDecoder };

/** What reading a column needs to know about its type. */
interface TypeInfo {
  name: string;
  /** pg_type.typlen: bytes for fixed-size types, -1 (varlena) or -2 (C string) for variable ones. */
  length: number;
}

const BYTEA = 17;

const shapeOf = (field: FieldDef, types: ReadonlyMap<number, TypeInfo>): Shape =>
  field.dataTypeID === BYTEA ? 'binary' : (types.get(field.dataTypeID)?.length ?? -1) > 0 ? 'fixed' : 'wide';

/**
 * The most characters one cell can take in a row as the collector measures it (JSON): a cut text value
 * with its marker, a binary size note, or the text form of a fixed-size value (a few characters per byte
 * at most: an int4 is 11, an interval of 16 bytes about 70).
 */
function cellChars(field: FieldDef, types: ReadonlyMap<number, TypeInfo>, maxCellChars: number): number {
  const shape = shapeOf(field, types);
  if (shape === 'wide') return maxCellChars + 40;
  if (shape === 'binary') return 40;
  return 64 + 4 * (types.get(field.dataTypeID)?.length ?? 0);
}

/**
 * PostgreSQL: every user statement goes through the extended protocol (parse, bind, execute one
 * statement: the server itself refuses a second one), inside BEGIN READ ONLY with server-side statement
 * and lock timeouts, under the least-privilege role when the connected one can do more than read, always
 * rolled back and the session reset (what DISCARD ALL does) before the call answers and the connection
 * goes back to the pool. A connection that failed or was cancelled is destroyed instead. Wide cells are
 * cut on the server, so a huge value is never held (or even built) here. A small read takes two round
 * trips: the transaction's opening with the statement's description, then the rows with the clean-up;
 * read again, one (see readPlanned).
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
  const typeInfo = new Map<number, TypeInfo>();
  const plans = new ReadPlans();
  let role: Promise<RoleReport> | undefined;

  /** The role report, found once on the first connection that asks (a failure is asked again next time). */
  function roleOf(client: PoolClient): Promise<RoleReport> {
    role ??= postgresRole(client, source.readRole).catch((error: unknown) => {
      role = undefined;
      throw error;
    });
    return role;
  }

  async function learnTypes(client: PoolClient, fields: readonly FieldDef[]): Promise<void> {
    const unknown = [...new Set(fields.map((field) => field.dataTypeID).filter((oid) => !typeInfo.has(oid)))];
    if (!unknown.length) return;
    const found = await client.query({
      text: 'SELECT oid::int AS oid, pg_catalog.format_type(oid, NULL) AS name, typlen::int AS length FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
      values: [unknown],
    });
    for (const row of found.rows as Array<{ oid: number } & TypeInfo>) typeInfo.set(row.oid, { name: row.name, length: row.length });
  }

  async function columnsOf(client: PoolClient, fields: readonly FieldDef[]): Promise<Column[]> {
    await learnTypes(client, fields);
    return fields.map((field) => ({ name: field.name, type: typeInfo.get(field.dataTypeID)?.name ?? `oid ${field.dataTypeID}` }));
  }

  /** A pooled connection; any failure (refused, unknown role or database, an unreadable sslrootcert) names the source. */
  async function connect(): Promise<PoolClient> {
    try {
      // Inside try: pg reads sslrootcert and the like synchronously, when the pool makes a client.
      return await pool.connect();
    } catch (error) {
      throw connectError(error, source.dsn.label);
    }
  }

  /**
   * Runs `work` on a pooled connection; cancels on the server when the time limit or the caller's signal
   * fires. `work` calls `cleaned` when it has ended the transaction and reset the session itself.
   */
  async function withConnection<T>(
    request: Pick<ReadRequest, 'timeoutMs' | 'signal'>,
    work: (client: PoolClient, cleaned: () => void) => Promise<T>,
  ): Promise<T> {
    const client = await connect();
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
      let clean = false;
      const value = await work(client, () => {
        clean = true;
      });
      // Whatever work left open (a transaction, a lock) ends here, before the answer goes out.
      if (!clean) await client.query(END_AND_RESET.join('; '));
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

  // Our own constant text (no user SQL in it), sent with the simple protocol or ahead of the statement's
  // description in one round trip. The settings are one statement (set_config with is_local is SET LOCAL):
  // each statement is three messages each way in a pipeline. standard_conforming_strings on: the server
  // reads backslashes in strings as the SQL checker does.
  const opening = (mode: 'READ ONLY' | 'READ WRITE', timeoutMs: number, readRole?: string): string[] => [
    `BEGIN ${mode}`,
    `SELECT pg_catalog.set_config('statement_timeout', '${Math.trunc(timeoutMs)}', true), ` +
      `pg_catalog.set_config('lock_timeout', '${Math.trunc(Math.min(timeoutMs, 5_000))}', true), ` +
      "pg_catalog.set_config('standard_conforming_strings', 'on', true)",
    ...(readRole ? [`SET LOCAL ROLE ${quoteIdentifier(readRole)}`] : []),
  ];
  const begin = (client: PoolClient, mode: 'READ ONLY' | 'READ WRITE', timeoutMs: number, readRole?: string) =>
    client.query(opening(mode, timeoutMs, readRole).join('; '));

  /** A read-only transaction under the read role (rolled back by withConnection's clean-up); `restart` begins it anew. */
  async function inReadTransaction<T>(client: PoolClient, timeoutMs: number, work: (restart: () => Promise<void>) => Promise<T>): Promise<T> {
    const { readRole } = await roleOf(client);
    await begin(client, 'READ ONLY', timeoutMs, readRole);
    const restart = async () => {
      await client.query('ROLLBACK');
      await begin(client, 'READ ONLY', timeoutMs, readRole);
    };
    try {
      return await work(restart);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  const sessionOf = (client: PoolClient): EngineSession => ({
    query: async (sql, params = []) => (await client.query({ text: sql, values: [...params] })).rows,
  });

  /** How readRows finds its connection: the transaction still to open (if any), and how to begin again or say it cleaned up. */
  interface ReadFrame {
    opening: readonly string[];
    restart: () => Promise<void>;
    cleaned: () => void;
  }

  /**
   * Reads max_rows + 1 rows at most, wide cells cut on the server: the statement is described first
   * (parsed, not run; together with the transaction's opening) and, when a column has no fixed size, read
   * through its bounded form. A result that fits the byte budget whatever its rows holds comes in one
   * round trip with the clean-up; a bigger one through a cursor, batch by batch. A statement read before
   * is read in one round trip, the description included (see readPlanned).
   */
  async function readRows(client: PoolClient, request: ReadRequest, collector: RowCollector, frame: ReadFrame) {
    const { maxCellChars, maxResultBytes } = limitsFor(source, request);
    const unwrapped = UNWRAPPED.has(firstKeyword(request.sql));
    const plan = unwrapped || !frame.opening.length ? undefined : plans.get(request.sql, maxCellChars);
    let opening = frame.opening;
    if (plan && collector.wanted * plan.rowChars <= maxResultBytes) {
      const read = await readPlanned(client, request, collector, frame, plan, maxCellChars);
      if (Array.isArray(read)) return read;
      if (read.begun) opening = [];
    }
    if (unwrapped && opening.length) await client.query(opening.join('; '));
    const described = unwrapped ? undefined : await describeStatement(client, request.sql, opening);
    if (described) await learnTypes(client, described);
    const shapes = described?.map((field) => shapeOf(field, typeInfo));
    const body = withoutTrailingSemicolon(request.sql);
    const bounded = shapes && boundedStatement(body, shapes, maxCellChars, POSTGRES_CELLS);
    const rowChars = described ? described.reduce((sum, field) => sum + cellChars(field, typeInfo, maxCellChars), 0) : maxCellChars + 40;
    const batchSize = Math.max(1, Math.min(FETCH_BATCH, Math.floor(maxResultBytes / rowChars)));
    const run = async (sql: string, decode: (row: unknown[]) => unknown[]) => {
      // What max_rows + 1 rows can weigh fits the budget: one round trip, no cursor.
      if (collector.wanted * rowChars <= maxResultBytes) {
        const read = { sql, values: request.params, limit: collector.wanted, after: END_AND_RESET };
        const { rows, fields } = await readLimited(client, read, new pg.Result('array', types)).done;
        frame.cleaned();
        for (const row of rows) if (!collector.push(decode(row))) break;
        return fields;
      }
      const cursor = client.query(new Cursor(sql, [...request.params], { rowMode: 'array', types }));
      let fields: FieldDef[] = [];
      for (;;) {
        const batch = Math.min(batchSize, collector.wanted);
        const { rows, result } = await readBatch(cursor, batch);
        fields = result?.fields ?? fields;
        if (!rows.every((row) => collector.push(decode(row))) || rows.length < batch) break;
      }
      await cursor.close();
      return fields;
    };
    /** Read this way again next time, in one round trip (unless it proved it cannot be). */
    const remember = () => {
      if (!described || !shapes || plans.get(request.sql, maxCellChars) === false) return;
      const capped = boundedStatement(body, shapes, maxCellChars, POSTGRES_CELLS, { capFixed: true });
      if (capped) plans.set(request.sql, maxCellChars, { ...capped, columns: described, rowChars });
    };
    if (!bounded) {
      const fields = await run(request.sql, (row) => row);
      remember();
      return fields;
    }
    try {
      await run(bounded.sql, bounded.decode);
      remember();
      return described as FieldDef[];
    } catch (error) {
      // The statement parsed on its own but not as a subquery: a write (RETURNING, a data-modifying WITH),
      // which fails in the read-only transaction before any row. It runs as it is, in a fresh transaction.
      if (!isNotASubquery(error) || collector.rows.length) throw error;
      plans.set(request.sql, maxCellChars, false);
      await frame.restart();
      return run(request.sql, (row) => row);
    }
  }

  /**
   * A statement read before, in one round trip: the transaction's opening, a fresh description of the
   * statement, its capped form (see ReadPlan) and the clean-up. The rows are kept only if the description
   * still matches the plan's; otherwise, or when the statement cannot be a subquery after all, the plan is
   * dropped and readRows reads it the usual way (`begun`: in the transaction opened again here).
   */
  async function readPlanned(
    client: PoolClient,
    request: ReadRequest,
    collector: RowCollector,
    frame: ReadFrame,
    plan: ReadPlan,
    maxCellChars: number,
  ): Promise<FieldDef[] | { begun: boolean }> {
    const read = readLimited(
      client,
      { sql: plan.sql, values: request.params, limit: collector.wanted, before: frame.opening, describe: request.sql, after: END_AND_RESET },
      new pg.Result('array', types),
    );
    try {
      const { rows } = await read.done;
      if (!sameColumns(read.description, plan.columns)) {
        plans.forget(request.sql, maxCellChars);
        return { begun: false }; // the clean-up ran: the session is as it was
      }
      frame.cleaned();
      for (const row of rows) if (!collector.push(plan.decode(row))) break;
      return read.description as FieldDef[];
    } catch (error) {
      // No description: the statement itself failed (or the opening), as it would have the usual way.
      if (!read.description) throw error;
      const changed = !sameColumns(read.description, plan.columns);
      if (!changed && !isNotASubquery(error)) throw error;
      if (changed) plans.forget(request.sql, maxCellChars);
      else plans.set(request.sql, maxCellChars, false);
      await frame.restart();
      return { begun: true };
    }
  }

  return {
    dialect: 'postgres',
    read: (request) =>
      withConnection(request, async (client, cleaned): Promise<QueryResult> => {
        const started = performance.now();
        const { readRole } = await roleOf(client);
        const statements = opening('READ ONLY', request.timeoutMs, readRole);
        const restart = async () => {
          await client.query('ROLLBACK');
          await client.query(statements.join('; '));
        };
        try {
          // The table policy's check reads the catalog inside the transaction, before the statement is described.
          if (request.admit) {
            await client.query(statements.join('; '));
            await request.admit(sessionOf(client));
          }
          const collector = new RowCollector(request.maxRows, limitsFor(source, request));
          const fields = await readRows(client, request, collector, { opening: request.admit ? [] : statements, restart, cleaned });
          return collector.result(await columnsOf(client, fields), started);
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    withSession: (timeoutMs, work) => withConnection({ timeoutMs }, (client) => inReadTransaction(client, timeoutMs, () => work(sessionOf(client)))),
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
    inspectRole: () => withConnection({ timeoutMs: 10_000 }, roleOf),
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

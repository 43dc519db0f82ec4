import type { Connection, FieldPacket, Pool, PoolConnection } from 'mysql2';
import type { SourceConfig } from '../config/settings.js';
import { withoutTrailingSemicolons } from '../guard/lexer.js';
import { boundedStatement, MYSQL_CELLS, type Shape } from './bounded-cells.js';
import { connectError, fromDriverError } from './errors.js';
import { checkerCompatibleSqlMode, mysqlConnectOptions } from './mysql-connect.js';
import { mysqlPrivilegeWarnings } from './mysql-privileges.js';
import { CATALOG_LIMITS, firstKeyword, limitsFor, RowCollector, writeResult } from './rows.js';
import type { Column, Driver, EngineSession, QueryResult, ReadRequest, WriteResult } from './types.js';

type Mysql = typeof import('mysql2');
const BINARY_CHARSET = 63;
/** VARCHAR, JSON, the BLOB/TEXT family, VAR_STRING, STRING, GEOMETRY: the types whose values can be long. */
const LONG_TYPES = new Set([15, 245, 249, 250, 251, 252, 253, 254, 255]);
/** Statements whose output the server builds from the statement itself: read as they are, never wrapped. */
const UNWRAPPED = new Set(['EXPLAIN', 'SHOW', 'DESCRIBE', 'DESC']);
/** ER_PARSE_ERROR: what the server answers when a statement cannot be a CTE's body. */
const NOT_A_SUBQUERY = 1064;

/** A column can hold more than a cut cell when its declared length (bytes, 4 per character at most) says so. */
function shapeOf(field: FieldPacket, maxCellChars: number): Shape {
  const type = (field as unknown as { columnType?: number }).columnType ?? field.type ?? -1;
  if (!LONG_TYPES.has(type) || (field.columnLength ?? Number.POSITIVE_INFINITY) <= maxCellChars * 4) return 'fixed';
  return field.characterSet === BINARY_CHARSET ? 'binary' : 'wide';
}

/**
 * MySQL/MariaDB: sessions without the sql_mode flags that change tokenising (ANSI_QUOTES,
 * NO_BACKSLASH_ESCAPES...), one server-side prepared statement per call (the binary protocol prepares exactly one
 * statement; multipleStatements is off too) inside START TRANSACTION READ ONLY, with a server-side time
 * limit and sql_select_limit = max_rows + 1. Afterwards ROLLBACK and COM_RESET_CONNECTION (drops user
 * locks, variables, temporary tables, session settings); a failed or cancelled connection is destroyed.
 */
export async function createMysqlDriver(source: SourceConfig): Promise<Driver> {
  const mysql: Mysql = (await import('mysql2')).default as unknown as Mysql;
  const options = mysqlConnectOptions(source.dsn.url);
  const connectionOptions = {
    ...options,
    multipleStatements: false,
    // IGNORE_SPACE would only hold until the first COM_RESET_CONNECTION: sessions must look alike.
    flags: ['-MULTI_STATEMENTS', '-LOCAL_FILES', '-IGNORE_SPACE'],
    supportBigNumbers: true,
    // BIGINT as a number while exact, as text beyond 2^53; DECIMAL stays text.
    bigNumberStrings: false,
    dateStrings: true,
    connectTimeout: 10_000,
  };
  const pool: Pool = mysql.createPool({ ...connectionOptions, connectionLimit: source.poolSize, waitForConnections: true, maxIdle: source.poolSize });
  let server: { mariadb: boolean; sqlMode: string } | undefined;

  const call = <T>(connection: Connection, sql: string): Promise<T> =>
    new Promise((resolve, reject) => connection.query(sql, (error, result) => (error ? reject(error) : resolve(result as T))));

  /** MariaDB takes seconds in max_statement_time; MySQL takes ms in max_execution_time (SELECT only). */
  const limitSql = (timeoutMs: number, maxRows: number) =>
    `SET SESSION sql_select_limit = ${Math.trunc(maxRows) + 1}, ` +
    (server?.mariadb ? `max_statement_time = ${(timeoutMs / 1000).toFixed(3)}` : `max_execution_time = ${Math.trunc(timeoutMs)}`) +
    `, lock_wait_timeout = ${Math.max(1, Math.ceil(Math.min(timeoutMs, 5_000) / 1000))}` +
    `, sql_mode = '${server?.sqlMode ?? ''}'`;

  const getConnection = () =>
    new Promise<PoolConnection>((resolve, reject) =>
      pool.getConnection((error, got) => (error ? reject(connectError(error, source.dsn.label)) : resolve(got))),
    );

  async function withConnection<T>(request: Pick<ReadRequest, 'timeoutMs' | 'signal'>, work: (connection: PoolConnection) => Promise<T>): Promise<T> {
    const connection = await getConnection();
    let cancelled = false;
    const cancel = () => {
      if (cancelled) return;
      cancelled = true;
      killQuery(mysql, connectionOptions, connection.threadId);
    };
    const watchdog = setTimeout(cancel, request.timeoutMs + 2_000);
    request.signal?.addEventListener('abort', cancel, { once: true });
    try {
      if (!server) {
        const [about] = await call<Array<{ version: string; mode: string }>>(connection, 'SELECT VERSION() AS version, @@GLOBAL.sql_mode AS mode');
        server = { mariadb: /mariadb/i.test(about?.version ?? ''), sqlMode: checkerCompatibleSqlMode(about?.mode ?? '') };
      }
      const value = await work(connection);
      await new Promise<void>((resolve, reject) => connection.reset((error: unknown) => (error ? reject(error) : resolve())));
      if (cancelled) connection.destroy();
      else connection.release();
      return value;
    } catch (error) {
      connection.destroy();
      throw fromDriverError(error, 'mysql', request.timeoutMs);
    } finally {
      clearTimeout(watchdog);
      request.signal?.removeEventListener('abort', cancel);
    }
  }

  return {
    dialect: 'mysql',
    read: (request) =>
      withConnection(request, async (connection): Promise<QueryResult> => {
        const started = performance.now();
        // Before sql_select_limit is set: a check's own catalog rows must never be cut short.
        await request.admit?.(sessionOf(connection));
        await call(connection, limitSql(request.timeoutMs, request.maxRows));
        await call(connection, 'START TRANSACTION READ ONLY');
        const collector = new RowCollector(request.maxRows, limitsFor(source, request));
        const columns = await readRows(connection, request, collector);
        connection.unprepare(request.sql);
        await call(connection, 'ROLLBACK');
        return collector.result(columns, started);
      }),
    write: (request) =>
      withConnection(request, async (connection): Promise<WriteResult> => {
        const started = performance.now();
        await call(connection, limitSql(request.timeoutMs, 1_000_000));
        const collector = new RowCollector(request.maxRows, limitsFor(source, request));
        const { columns, header } = await executeWrite(connection, request, collector);
        connection.unprepare(request.sql);
        return writeResult(firstKeyword(request.sql), header?.affectedRows ?? 0, columns, collector, started);
      }),
    withSession: (timeoutMs, work) =>
      withConnection({ timeoutMs }, async (connection) => {
        await call(connection, limitSql(timeoutMs, CATALOG_LIMITS.maxRows));
        await call(connection, 'START TRANSACTION READ ONLY');
        const value = await work(sessionOf(connection));
        await call(connection, 'ROLLBACK');
        return value;
      }),
    inspectRole: () =>
      withConnection({ timeoutMs: 10_000 }, async (connection) => ({ warnings: await mysqlPrivilegeWarnings((sql) => call(connection, sql)) })),
    close: () => new Promise((resolve) => pool.end(() => resolve())),
  };

  function sessionOf(connection: PoolConnection): EngineSession {
    return { query: (sql, params = []) => executeRows(connection, sql, params) };
  }

  function columnsOf(fields: FieldPacket[] | undefined): Column[] {
    return (fields ?? []).map((field) => ({ name: field.name, type: typeName(mysql, field) }));
  }

  /**
   * Reads max_rows + 1 rows at most, wide cells cut on the server: the statement is prepared first (its
   * columns known, nothing run; the prepared statement is then reused) and, when a column can hold more
   * than a cell, read through its bounded form.
   */
  async function readRows(connection: PoolConnection, request: ReadRequest, collector: RowCollector): Promise<Column[]> {
    const { maxCellChars } = limitsFor(source, request);
    const described = UNWRAPPED.has(firstKeyword(request.sql)) ? undefined : await prepareColumns(connection, request.sql);
    const body = withoutTrailingSemicolons(request.sql, 'mysql', { backslashEscapes: true, ansiQuotes: false });
    const bounded =
      described &&
      boundedStatement(
        body,
        described.map((field) => shapeOf(field, maxCellChars)),
        maxCellChars,
        MYSQL_CELLS,
      );
    if (!bounded) return streamRows(connection, request.sql, request.params, collector, (row) => row);
    try {
      await streamRows(connection, bounded.sql, request.params, collector, bounded.decode);
      return columnsOf(described);
    } catch (error) {
      // Prepared on its own but not as a CTE's body (a statement that returns rows without being a query).
      if ((error as { errno?: number }).errno !== NOT_A_SUBQUERY || collector.rows.length) throw error;
      return streamRows(connection, request.sql, request.params, collector, (row) => row);
    } finally {
      connection.unprepare(bounded.sql);
    }
  }

  /** The result columns of a statement, from the server, without running it (cached for execute to reuse). */
  function prepareColumns(connection: PoolConnection, sql: string): Promise<FieldPacket[]> {
    return new Promise((resolve, reject) =>
      // mysql2 keeps the prepared statement's columns on it; its typings leave them out.
      connection.prepare({ sql, rowsAsArray: true } as never, (error, statement) =>
        error ? reject(error) : resolve((statement as unknown as { columns?: FieldPacket[] }).columns ?? []),
      ),
    );
  }

  /** Streams rows until the collector is full, then cuts the connection rather than reading the rest. */
  function streamRows(
    connection: PoolConnection,
    sql: string,
    params: readonly unknown[],
    collector: RowCollector,
    decode: (row: unknown[]) => unknown[],
  ): Promise<Column[]> {
    return new Promise((resolve, reject) => {
      let columns: Column[] = [];
      let full = false;
      const command = connection.execute({ sql, values: [...params] as never, rowsAsArray: true });
      command.on('fields', (fields: FieldPacket[]) => (columns = columnsOf(fields)));
      command.on('result', (row: unknown) => {
        // A statement without a result set reports its OK header here: no rows.
        if (full || !Array.isArray(row)) return;
        if (!collector.push(decode(row as unknown[]))) full = true;
      });
      command.on('error', reject);
      command.on('end', () => resolve(columns));
    });
  }

  function executeWrite(connection: PoolConnection, request: ReadRequest, collector: RowCollector) {
    return new Promise<{ columns: Column[]; header: { affectedRows: number } | undefined }>((resolve, reject) => {
      connection.execute({ sql: request.sql, values: [...request.params] as never, rowsAsArray: true }, (error, result, fields) => {
        if (error) return reject(error);
        if (Array.isArray(result)) {
          for (const row of result as unknown[][]) if (!collector.push(row)) break;
          return resolve({ columns: columnsOf(fields), header: undefined });
        }
        resolve({ columns: [], header: result as { affectedRows: number } });
      });
    });
  }
}

/** Our own catalog SQL as one prepared statement, rows as objects; unprepared after (COM_RESET_CONNECTION drops it on the server). */
function executeRows(connection: Connection, sql: string, params: readonly unknown[]): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) =>
    connection.execute(sql, [...params] as never, (error, rows) => {
      connection.unprepare(sql);
      if (error) reject(error);
      else resolve(rows as Array<Record<string, unknown>>);
    }),
  );
}

function typeName(mysql: Mysql, field: FieldPacket): string {
  const code = (field as unknown as { columnType?: number }).columnType ?? field.type ?? -1;
  const name = String((mysql.Types as unknown as Record<number, string>)[code] ?? `type ${code}`);
  if (field.characterSet === BINARY_CHARSET && /BLOB|STRING/.test(name)) return name.replace('STRING', 'BINARY');
  return name;
}

/** KILL QUERY from a second connection: the statement stops on the server, not only in this client. */
function killQuery(mysql: Mysql, options: object, threadId: number | null): void {
  if (threadId === null) return;
  const killer = mysql.createConnection(options as never);
  killer.on('error', () => undefined);
  killer.query(`KILL QUERY ${Math.trunc(threadId)}`, () => killer.end());
}

import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectedServer } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Databases, openDatabases, strictConfig } from './support/databases.js';
import { startServer } from './support/server.js';
import { mysqlState, postgresState, sqliteState } from './support/state.js';

// Attacks through the real MCP client against the built bin. Each must be refused (by a named rule, or
// cancelled at the time limit), and nothing may change: rows, tables, sequences, files on disk, locks,
// and the session settings the next call on the same pooled connection sees.
let db: Databases;
let server: ConnectedServer;
/** World-writable, so a file-writing attack that got through would leave its file here. */
const dropDir = mkdtempSync(join(tmpdir(), 'tb-attack-'));
chmodSync(dropDir, 0o777);

type Source = 'pg' | 'my' | 'lite';
const PROBES: Record<Source, string> = {
  pg: "SELECT current_setting('search_path') AS path, current_setting('work_mem') AS work_mem, current_setting('statement_timeout') AS timeout, current_setting('TimeZone') AS tz, (SELECT count(*) FROM pg_prepared_statements) AS prepared, pg_backend_pid() > 0 AS alive",
  my: "SELECT @@session.sql_mode AS mode, @@session.time_zone AS tz, @sneaky AS variable, IS_USED_LOCK('tb_attack') AS user_lock, @@session.sql_select_limit AS select_limit",
  lite: 'SELECT (SELECT count(*) FROM pragma_database_list) AS databases, (SELECT count(*) FROM customers) AS customers',
};
const baselines = new Map<Source, unknown>();
const probe = async (source: Source) => (await server.call('db_query', { source, sql: PROBES[source] })).structured?.rows;
const state = (source: Source) => (source === 'pg' ? postgresState(db.pg) : source === 'my' ? mysqlState(db.my) : Promise.resolve(sqliteState(db.lite)));
const states = new Map<Source, unknown>();

beforeAll(async () => {
  db = await openDatabases();
  server = await startServer(strictConfig(db));
  for (const source of ['pg', 'my', 'lite'] as const) {
    baselines.set(source, await probe(source));
    states.set(source, await state(source));
  }
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
  rmSync(dropDir, { recursive: true, force: true });
});

const file = (name: string) => join(dropDir, name);

/** [source, attack class, payload]; payloads that name the fixture's schema are built lazily. */
const ATTACKS: Array<[Source, string, () => string]> = [
  ['pg', 'stacked', () => 'SELECT 1; DROP TABLE customers'],
  ['pg', 'stacked', () => 'SELECT 1; COMMIT; DROP TABLE orders'],
  ['pg', 'stacked', () => 'SELECT 1;;DELETE FROM orders'],
  ['pg', 'lexer: backslash is not an escape in standard strings', () => "SELECT 'a\\'; DELETE FROM orders; --'"],
  ['pg', 'lexer: dollar quoting', () => 'SELECT $a$x$a$; DELETE FROM orders; -- $a$'],
  ['pg', 'lexer: E-string escapes', () => "SELECT E'\\\\'; DELETE FROM orders; --'"],
  ['pg', 'data-modifying CTE', () => 'WITH d AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM d'],
  ['pg', 'data-modifying CTE', () => "WITH x AS (INSERT INTO customers (name, country, created_at) VALUES ('x', 'XX', now()) RETURNING id) SELECT * FROM x"],
  ['pg', 'data-modifying CTE (nested)', () => 'SELECT * FROM (WITH u AS (UPDATE orders SET amount = 0 RETURNING 1) SELECT * FROM u) s'],
  ['pg', 'SELECT INTO', () => 'SELECT * INTO pwned FROM customers'],
  ['pg', 'locking clause', () => 'SELECT * FROM customers FOR UPDATE'],
  ['pg', 'locking clause', () => 'SELECT * FROM orders FOR SHARE SKIP LOCKED'],
  ['pg', 'file access', () => "SELECT pg_read_file('/etc/passwd')"],
  ['pg', 'file access in FROM', () => "SELECT * FROM pg_read_file('/etc/hostname')"],
  ['pg', 'file access in LATERAL', () => "SELECT * FROM customers, LATERAL pg_ls_dir('/') AS f"],
  ['pg', 'file write', () => `SELECT lo_export(lo_import('/etc/hostname'), '${file('pwned-lo')}')`],
  ['pg', 'program execution', () => `COPY (SELECT 1) TO PROGRAM 'touch ${file('pwned-copy')}'`],
  ['pg', 'session setting', () => "SELECT set_config('work_mem', '1234kB', false)"],
  ['pg', 'session setting', () => 'SET search_path = pg_catalog'],
  ['pg', 'session lock', () => 'SELECT pg_advisory_lock(4242)'],
  ['pg', 'lock in a subquery', () => 'SELECT (SELECT pg_advisory_xact_lock(1))'],
  ['pg', 'sleep', () => 'SELECT pg_sleep(30)'],
  ['pg', 'sleep in WHERE', () => 'SELECT * FROM generate_series(1, 3) g WHERE pg_sleep(1) IS NOT NULL'],
  ['pg', 'notification', () => "SELECT pg_notify('ch', 'x')"],
  ['pg', 'notification', () => 'LISTEN ch'],
  ['pg', 'sequence advance', () => "SELECT nextval('orders_id_seq')"],
  ['pg', 'signal other sessions', () => 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE false'],
  ['pg', 'procedural code', () => 'DO $$ BEGIN DELETE FROM orders; END $$'],
  ['pg', 'session state', () => 'PREPARE p AS DELETE FROM orders'],
  ['pg', 'session state', () => 'CREATE TEMP TABLE t AS SELECT 1'],
  ['pg', 'EXPLAIN ANALYZE of a write', () => 'EXPLAIN ANALYZE DELETE FROM orders'],
  ['pg', 'EXPLAIN ANALYZE of a write', () => "EXPLAIN (ANALYZE, FORMAT JSON) INSERT INTO secrets (value) VALUES ('x')"],
  ['pg', 'denied table, quoted', () => 'SELECT * FROM "secrets"'],
  ['pg', 'lexer: Unicode-escaped identifier', () => 'SELECT * FROM U&"secr\\0065ts"'],
  ['pg', 'denied table, schema-qualified', () => `SELECT * FROM ${db.pg.schema}.secrets`],
  ['pg', 'denied table in a subquery', () => 'SELECT c.* FROM customers c WHERE EXISTS (SELECT 1 FROM secrets s WHERE s.id = c.id)'],
  ['pg', 'denied table in a CTE', () => 'WITH s AS (SELECT * FROM secrets) SELECT * FROM s'],
  ['pg', 'resource exhaustion (timeout)', () => 'SELECT count(*) FROM generate_series(1, 100000000000)'],

  ['my', 'stacked', () => 'SELECT 1; DROP TABLE customers'],
  ['my', 'lexer: "--" without a space is not a comment', () => 'SELECT 1 --1; DELETE FROM orders'],
  ['my', 'lexer: "#" comment', () => 'SELECT 1 # comment\n; DELETE FROM orders'],
  ['my', 'executable comment', () => 'SELECT 1 /*! ; DELETE FROM orders */'],
  ['my', 'executable comment', () => `SELECT 1 /*!50000 INTO OUTFILE '${file('pwned-exec')}' */`],
  ['my', 'executable comment (MariaDB /*M!)', () => "SELECT 1 /*M! , LOAD_FILE('/etc/passwd') */"],
  ['my', 'executable comment (version-gated)', () => 'SELECT 1 /*!99999 , SLEEP(5) */'],
  ['my', 'file write', () => `SELECT * FROM customers INTO OUTFILE '${file('pwned-out')}'`],
  ['my', 'file write', () => `SELECT value FROM customers INTO DUMPFILE '${file('pwned-dump')}'`],
  ['my', 'file read', () => "SELECT LOAD_FILE('/etc/passwd')"],
  ['my', 'sleep', () => 'SELECT SLEEP(30)'],
  ['my', 'sleep', () => 'SELECT BENCHMARK(1000000000, MD5(1))'],
  ['my', 'sleep', () => 'DO SLEEP(5)'],
  ['my', 'user lock', () => "SELECT GET_LOCK('tb_attack', 0)"],
  ['my', 'locking clause', () => 'SELECT * FROM orders FOR UPDATE'],
  ['my', 'locking clause', () => 'SELECT * FROM orders LOCK IN SHARE MODE'],
  ['my', 'session variable', () => 'SELECT @sneaky := 1'],
  ['my', 'session variable', () => "SELECT 'x' INTO @sneaky"],
  ['my', 'session setting', () => "SET SESSION sql_mode = 'ANSI_QUOTES'"],
  ['my', 'ANALYZE of a write', () => 'ANALYZE DELETE FROM orders'],
  ['my', 'handler access', () => 'HANDLER orders OPEN'],
  ['my', 'denied table, quoted', () => 'SELECT * FROM `secrets`'],
  ['my', 'denied table, schema-qualified', () => `SELECT * FROM ${db.my.database}.secrets`],
  ['my', 'denied table in a subquery', () => 'SELECT * FROM customers WHERE id IN (SELECT id FROM secrets)'],

  ['lite', 'stacked', () => 'SELECT 1; DROP TABLE customers'],
  ['lite', 'stacked after a comment', () => 'SELECT 1 -- x\n; DELETE FROM orders'],
  ['lite', 'attach another file', () => `ATTACH DATABASE '${file('pwned.db')}' AS evil`],
  ['lite', 'pragma write', () => 'PRAGMA query_only = 0'],
  ['lite', 'pragma write', () => 'PRAGMA writable_schema = 1'],
  ['lite', 'extension loading', () => "SELECT load_extension('/tmp/nope')"],
  ['lite', 'file write', () => `VACUUM INTO '${file('pwned-vacuum.db')}'`],
  ['lite', 'file write function', () => `SELECT writefile('${file('pwned-wf')}', 'y')`],
  ['lite', 'write with RETURNING', () => 'DELETE FROM orders RETURNING *'],
  ['lite', 'write', () => 'INSERT INTO customers (name, country, created_at) SELECT name, country, created_at FROM customers'],
  ['lite', 'DDL', () => 'CREATE TABLE pwned (a)'],
  ['lite', 'denied table, bracket-quoted', () => 'SELECT * FROM [secrets]'],
  ['lite', 'denied table, schema-qualified', () => 'SELECT * FROM main.secrets'],
  ['lite', 'resource exhaustion (timeout)', () => 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c'],
];

describe('attack payloads are refused and change nothing', () => {
  it.each(ATTACKS.map(([source, kind, payload], index) => [index + 1, source, kind, payload] as const))(
    '#%i %s: %s',
    async (_index, source, _kind, payload) => {
      const result = await server.call('db_query', { source, sql: payload() });
      expect(result.isError, result.text).toBe(true);
      expect(result.text).toMatch(/refused by [\w.-]+|cancelled on the server/);
      expect(await state(source)).toEqual(states.get(source));
      expect(readdirSync(dropDir)).toEqual([]);
      expect(await probe(source)).toEqual(baselines.get(source));
    },
  );

  // The guard sees only a view name here; the function inside the view runs. The engine and session
  // layers must contain it: the lock is gone after the call, the sleep is cancelled on the server.
  it.each([
    ['pg', 'SELECT * FROM locking_view'],
    ['my', 'SELECT * FROM locking_view'],
    ['pg', 'SELECT set_sneaky()'],
  ] as const)('side effect hidden from the checker (%s: %s) does not outlive the call', async (source, sql) => {
    await server.call('db_query', { source, sql });
    expect(await state(source)).toEqual(states.get(source));
    expect(await probe(source)).toEqual(baselines.get(source));
  });

  it.each([['pg'], ['my']] as const)('a sleep hidden in a view (%s) is cancelled on the server at the time limit', async (source) => {
    const started = Date.now();
    const result = await server.call('db_query', { source, sql: 'SELECT * FROM sleepy_view' });
    expect(result.text).toMatch(/cancelled on the server/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await state(source)).toEqual(states.get(source));
    expect(await probe(source)).toEqual(baselines.get(source));
  });

  it('SQLite refuses a side-effecting function inside a view (trusted_schema off)', async () => {
    const result = await server.call('db_query', { source: 'lite', sql: 'SELECT * FROM extension_view' });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/unsafe use of load_extension|not authorized/);
    expect(await state('lite')).toEqual(states.get('lite'));
  });

  it('covers at least 40 payloads across the three dialects', () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ATTACKS.map(([source]) => source))).toEqual(new Set(['pg', 'my', 'lite']));
  });
});

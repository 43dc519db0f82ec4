import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../src/engine/drivers.js';
import type { Driver, ReadRequest } from '../src/engine/types.js';
import { MYSQL_URL, mysqlFixture, POSTGRES_URL, pgFixture, sqliteFixture, type MysqlFixture, type PgFixture, type SqliteFixture } from './support/services.js';
import { sourceConfig } from './support/server.js';

// Layers 2-5 and 7 on their own: the drivers are called directly, so the SQL guard never sees these.
const read = (driver: Driver, sql: string, extra: Partial<ReadRequest> = {}) => driver.read({ sql, params: [], maxRows: 100, timeoutMs: 5_000, ...extra });
/** Polls a check for up to 2 s: the server clears a cancelled statement moments after answering. */
async function eventually(check: () => Promise<number>, expected: number): Promise<void> {
  let value = await check();
  for (let attempt = 0; attempt < 20 && value !== expected; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await check();
  }
  expect(value).toBe(expected);
}
const firstCell = async (driver: Driver, sql: string) => (await read(driver, sql)).rows[0]?.[0];

describe('PostgreSQL driver without the guard', () => {
  let fixture: PgFixture;
  let driver: Driver;
  const count = async (table: string) => Number((await fixture.admin.query(`SELECT count(*) AS n FROM ${fixture.schema}.${table}`)).rows[0].n);

  beforeAll(async () => {
    fixture = await pgFixture();
    driver = await createDriver(sourceConfig(fixture.dsn, { poolSize: 1 }));
  });
  afterAll(async () => {
    await driver?.close();
    await fixture?.drop();
  });

  it('the server itself refuses stacked statements (extended protocol)', async () => {
    await expect(read(driver, 'SELECT 1; SELECT 2')).rejects.toThrow(/refused by read-only\.protocol/);
    await expect(read(driver, 'SELECT 1; DROP TABLE customers')).rejects.toThrow(/cannot insert multiple commands/);
    await expect(read(driver, 'SELECT 1; COMMIT; DELETE FROM orders')).rejects.toThrow(/refused by read-only\.protocol/);
    expect(await count('customers')).toBe(40);
    expect(await count('orders')).toBe(400);
  });

  it('the write path uses the extended protocol too', async () => {
    const write = driver.write({ sql: "UPDATE orders SET status = 'x' WHERE id = 1; DROP TABLE customers", params: [], maxRows: 10, timeoutMs: 5_000 });
    await expect(write).rejects.toThrow(/refused by read-only\.protocol/);
    expect(await count('customers')).toBe(40);
  });

  it('writes fail inside the READ ONLY transaction, in CTEs and through functions', async () => {
    await expect(read(driver, 'DELETE FROM orders')).rejects.toThrow(/refused by read-only\.engine/);
    await expect(read(driver, 'WITH d AS (DELETE FROM orders RETURNING 1) SELECT count(*) FROM d')).rejects.toThrow(/read-only/);
    await expect(read(driver, "SELECT nextval('orders_id_seq')")).rejects.toThrow(/read-only/);
    await expect(read(driver, 'CREATE TABLE pwned (id int)')).rejects.toThrow(/read-only/);
    await expect(read(driver, 'SELECT * INTO pwned FROM customers')).rejects.toThrow(/read-only/);
    expect(await count('orders')).toBe(400);
    const tables = await fixture.admin.query('SELECT count(*) AS n FROM pg_tables WHERE schemaname = $1', [fixture.schema]);
    expect(Number(tables.rows[0].n)).toBe(5);
  });

  it('a timeout cancels the statement on the server, and the pool stays usable', async () => {
    const started = Date.now();
    await expect(read(driver, 'SELECT pg_sleep(20)', { timeoutMs: 400 })).rejects.toThrow(/cancelled on the server/);
    expect(Date.now() - started).toBeLessThan(3_000);
    await eventually(async () => Number((await fixture.admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(20)%' AND state = 'active'")).rows[0].n), 0);
    expect(await firstCell(driver, 'SELECT 41 + 1')).toBe(42);
  });

  it('a cancelled call (client abort) stops the query on the server too', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(read(driver, 'SELECT pg_sleep(21)', { timeoutMs: 30_000, signal: controller.signal })).rejects.toThrow();
    await eventually(async () => Number((await fixture.admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(21)%' AND state = 'active'")).rows[0].n), 0);
    expect(await firstCell(driver, 'SELECT 1')).toBe(1);
  });

  it('session state never outlives a call: locks, settings, prepared statements', async () => {
    await read(driver, 'SELECT pg_advisory_lock(424242)');
    const locks = await fixture.admin.query("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 424242");
    expect(Number(locks.rows[0].n)).toBe(0);
    const before = await firstCell(driver, "SELECT current_setting('work_mem')");
    await read(driver, "SELECT set_config('work_mem', '1234kB', false)");
    expect(await firstCell(driver, "SELECT current_setting('work_mem')")).toBe(before);
    await read(driver, 'PREPARE sneaky AS SELECT 1');
    expect(await firstCell(driver, 'SELECT count(*)::int FROM pg_prepared_statements')).toBe(0);
  });

  it('strings are read with standard_conforming_strings on, even if the role defaults it off', async () => {
    const url = new URL(fixture.dsn);
    url.searchParams.set('options', `${url.searchParams.get('options')} -c standard_conforming_strings=off`);
    const legacy = await createDriver(sourceConfig(url.toString()));
    try {
      expect(await firstCell(legacy, "SELECT 'a\\b'")).toBe('a\\b');
    } finally {
      await legacy.close();
    }
  });

  it('a connection that errored is destroyed, a healthy one is reused', async () => {
    const pid = await firstCell(driver, 'SELECT pg_backend_pid()');
    expect(await firstCell(driver, 'SELECT pg_backend_pid()')).toBe(pid);
    await expect(read(driver, 'SELECT * FROM no_such_table')).rejects.toThrow();
    expect(await firstCell(driver, 'SELECT pg_backend_pid()')).not.toBe(pid);
  });

  it('rows come through a cursor: only max_rows + 1 are fetched, the byte budget cuts early', async () => {
    const result = await read(driver, 'SELECT g, md5(g::text) FROM generate_series(1, 5000000) g', { maxRows: 10 });
    expect(result).toMatchObject({ row_count: 10, truncated: true, truncated_by: 'max_rows' });
    const budget = await createDriver(sourceConfig(fixture.dsn, { maxResultBytes: 2_000 }));
    const cut = await read(budget, "SELECT repeat('y', 500) FROM generate_series(1, 100)", { maxRows: 100 });
    await budget.close();
    expect(cut.truncated_by).toBe('bytes');
    expect(cut.row_count).toBeLessThan(10);
  });
});

describe('TLS options in the DSN are honoured', () => {
  // The test servers run without TLS, so asking for it must fail the connection rather than fall back.
  it.each([
    ['postgres', POSTGRES_URL, /does not support SSL/i],
    ['mysql', MYSQL_URL, /secure connection|ssl/i],
  ])('%s with sslmode=require refuses a server without TLS', async (_name, url, message) => {
    const tls = new URL(url);
    tls.searchParams.set('sslmode', 'require');
    const driver = await createDriver(sourceConfig(tls.toString()));
    try {
      await expect(read(driver, 'SELECT 1')).rejects.toThrow(message);
    } finally {
      await driver.close();
    }
  });
});

describe('MariaDB/MySQL driver without the guard', () => {
  let fixture: MysqlFixture;
  let driver: Driver;
  const count = async (table: string) => Number(((await fixture.admin.query(`SELECT count(*) AS n FROM ${fixture.database}.${table}`)) as unknown as [Array<{ n: number }>])[0][0]!.n);
  const sleeping = async (pattern: string) =>
    Number(((await fixture.admin.query('SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE ?', [pattern])) as unknown as [Array<{ n: number }>])[0][0]!.n);

  beforeAll(async () => {
    fixture = await mysqlFixture();
    driver = await createDriver(sourceConfig(fixture.dsn, { poolSize: 1 }));
  });
  afterAll(async () => {
    await driver?.close();
    await fixture?.drop();
  });

  it('stacked statements cannot be prepared (binary protocol, multipleStatements off)', async () => {
    await expect(read(driver, 'SELECT 1; SELECT 2')).rejects.toThrow(/syntax/);
    await expect(read(driver, 'SELECT 1; DROP TABLE customers')).rejects.toThrow();
    await expect(read(driver, 'SELECT 1 /*!; DELETE FROM orders */')).rejects.toThrow();
    expect(await count('customers')).toBe(40);
    expect(await count('orders')).toBe(400);
  });

  it('writes fail inside START TRANSACTION READ ONLY', async () => {
    await expect(read(driver, 'DELETE FROM orders')).rejects.toThrow(/refused by read-only\.engine/);
    await expect(read(driver, "INSERT INTO customers (name, country, created_at) VALUES ('x', 'XX', '2024-01-01')")).rejects.toThrow(/read-only/i);
    expect(await count('orders')).toBe(400);
    expect(await count('customers')).toBe(40);
  });

  it('a timeout is enforced by the server (max_statement_time) and the pool stays usable', async () => {
    const started = Date.now();
    await expect(read(driver, 'SELECT SLEEP(20)', { timeoutMs: 400 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
    await eventually(() => sleeping('SELECT SLEEP(20)%'), 0);
    expect(await firstCell(driver, 'SELECT 41 + 1')).toBe(42);
  });

  it('a cancelled call is killed on the server (KILL QUERY)', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(read(driver, 'SELECT SLEEP(21)', { timeoutMs: 30_000, signal: controller.signal })).rejects.toThrow();
    await eventually(() => sleeping('SELECT SLEEP(21)%'), 0);
  });

  it('session state never outlives a call: user locks, variables, settings', async () => {
    expect(await firstCell(driver, "SELECT GET_LOCK('tb_layer_lock', 0)")).toBe(1);
    const [locks] = (await fixture.admin.query("SELECT IS_USED_LOCK('tb_layer_lock') AS owner")) as unknown as [Array<{ owner: number | null }>];
    expect(locks[0]!.owner).toBeNull();
    await read(driver, 'SELECT @sneaky := 5');
    expect(await firstCell(driver, 'SELECT @sneaky')).toBeNull();
    const mode = await firstCell(driver, 'SELECT @@session.sql_mode');
    await read(driver, "SET SESSION sql_mode = 'ANSI_QUOTES'");
    expect(await firstCell(driver, 'SELECT @@session.sql_mode')).toBe(mode);
  });

  it('a connection that errored is destroyed, a healthy one is reused', async () => {
    const id = await firstCell(driver, 'SELECT CONNECTION_ID()');
    expect(await firstCell(driver, 'SELECT CONNECTION_ID()')).toBe(id);
    await expect(read(driver, 'SELECT * FROM no_such_table')).rejects.toThrow();
    expect(await firstCell(driver, 'SELECT CONNECTION_ID()')).not.toBe(id);
  });

  it('sessions drop the sql_mode flags that change tokenising, whatever the server default', async () => {
    const [[{ mode }]] = (await fixture.admin.query('SELECT @@GLOBAL.sql_mode AS mode')) as unknown as [[{ mode: string }]];
    await fixture.admin.query("SET GLOBAL sql_mode = CONCAT(@@GLOBAL.sql_mode, ',ANSI,NO_BACKSLASH_ESCAPES')");
    try {
      const fresh = await createDriver(sourceConfig(fixture.dsn));
      try {
        const session = String(await firstCell(fresh, 'SELECT @@SESSION.sql_mode'));
        expect(session).not.toMatch(/ANSI|NO_BACKSLASH_ESCAPES|IGNORE_SPACE|PIPES_AS_CONCAT/);
        expect(session).toContain('STRICT_TRANS_TABLES');
        // Read the way the checker reads it: a backslash escapes, double quotes delimit strings.
        expect((await read(fresh, 'SELECT \'a\\\'b\', "c"')).rows).toEqual([["a'b", 'c']]);
      } finally {
        await fresh.close();
      }
    } finally {
      await fixture.admin.query('SET GLOBAL sql_mode = ?', [mode]);
    }
  });

  it('sql_select_limit caps a huge result on the server', async () => {
    const result = await read(driver, 'SELECT seq FROM seq_1_to_5000000', { maxRows: 10 });
    expect(result).toMatchObject({ row_count: 10, truncated: true });
  });
});

describe('SQLite driver without the guard', () => {
  let fixture: SqliteFixture;
  let driver: Driver;
  const digest = () => createHash('sha256').update(readFileSync(fixture.file)).digest('hex');
  let before: string;

  beforeAll(async () => {
    fixture = sqliteFixture();
    before = digest();
    driver = await createDriver(sourceConfig(fixture.dsn));
  });
  afterAll(async () => {
    await driver?.close();
    fixture?.drop();
  });

  it('refuses a non-empty tail, writes, ATTACH, PRAGMA writes and extension loading', async () => {
    await expect(read(driver, 'SELECT 1; DROP TABLE customers')).rejects.toThrow(/refused by read-only\.protocol/);
    await expect(read(driver, 'DELETE FROM orders')).rejects.toThrow(/refused by read-only\.engine/);
    await expect(read(driver, 'DELETE FROM orders RETURNING id')).rejects.toThrow(/read-only/);
    const evil = join(fixture.dir, 'evil.db');
    await expect(read(driver, `ATTACH DATABASE '${evil}' AS evil`)).rejects.toThrow(/read-only/);
    await expect(read(driver, 'PRAGMA query_only = 0')).rejects.toThrow(/read-only/);
    await expect(read(driver, `VACUUM INTO '${join(fixture.dir, 'copy.db')}'`)).rejects.toThrow();
    await expect(read(driver, "SELECT load_extension('/nonexistent/ext')")).rejects.toThrow(/not authorized/);
    expect(existsSync(evil)).toBe(false);
    expect(existsSync(join(fixture.dir, 'copy.db'))).toBe(false);
    expect(await firstCell(driver, 'SELECT count(*) FROM orders')).toBe(400);
    expect(digest()).toBe(before);
  });

  it('a runaway statement is stopped at the time limit and the next call works', async () => {
    const started = Date.now();
    await expect(read(driver, 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c', { timeoutMs: 400 })).rejects.toThrow(/cancelled/);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await firstCell(driver, 'SELECT count(*) FROM customers')).toBe(40);
  });
});

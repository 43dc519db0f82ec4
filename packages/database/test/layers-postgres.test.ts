import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../src/engine/drivers.js';
import type { Driver } from '../src/engine/types.js';
import { eventually, firstCell, read } from './support/direct.js';
import { countingProxy } from './support/proxy.js';
import { sourceConfig } from './support/server.js';
import { MYSQL_URL, type PgFixture, POSTGRES_URL, pgFixture } from './support/services.js';
import { THIS_DATABASE } from './support/state.js';

// Layers 2-5 and 7 on their own: the driver is called directly, so the SQL guard never sees these.
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

  // The fixture connects as a superuser, so reads also run as pg_read_all_data: the role or the READ ONLY
  // transaction refuses each write, whichever the server checks first.
  it('writes fail inside the READ ONLY transaction, in CTEs and through functions', async () => {
    const refused = /refused by (read-only\.engine|database\.privileges)/;
    await expect(read(driver, 'DELETE FROM orders')).rejects.toThrow(refused);
    await expect(read(driver, 'WITH d AS (DELETE FROM orders RETURNING 1) SELECT count(*) FROM d')).rejects.toThrow(refused);
    await expect(read(driver, "SELECT nextval('orders_id_seq')")).rejects.toThrow(refused);
    await expect(read(driver, 'CREATE TABLE pwned (id int)')).rejects.toThrow(refused);
    await expect(read(driver, 'SELECT * INTO pwned FROM customers')).rejects.toThrow(refused);
    expect(await count('orders')).toBe(400);
    const tables = await fixture.admin.query('SELECT count(*) AS n FROM pg_tables WHERE schemaname = $1', [fixture.schema]);
    expect(Number(tables.rows[0].n)).toBe(5);
  });

  it('a timeout cancels the statement on the server, and the pool stays usable', async () => {
    const started = Date.now();
    await expect(read(driver, 'SELECT pg_sleep(20)', { timeoutMs: 400 })).rejects.toThrow(/cancelled on the server/);
    expect(Date.now() - started).toBeLessThan(3_000);
    await eventually(
      async () =>
        Number(
          (await fixture.admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(20)%' AND state = 'active'")).rows[0].n,
        ),
      0,
    );
    expect(await firstCell(driver, 'SELECT 41 + 1')).toBe(42);
  });

  it('a cancelled call (client abort) stops the query on the server too', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(read(driver, 'SELECT pg_sleep(21)', { timeoutMs: 30_000, signal: controller.signal })).rejects.toThrow();
    await eventually(
      async () =>
        Number(
          (await fixture.admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(21)%' AND state = 'active'")).rows[0].n,
        ),
      0,
    );
    expect(await firstCell(driver, 'SELECT 1')).toBe(1);
  });

  it('session state never outlives a call: locks, settings, prepared statements', async () => {
    await read(driver, 'SELECT pg_advisory_lock(424242)');
    const locks = await fixture.admin.query(
      `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 424242 AND database = ${THIS_DATABASE}`,
    );
    expect(Number(locks.rows[0].n)).toBe(0);
    const before = await firstCell(driver, "SELECT current_setting('work_mem')");
    await read(driver, "SELECT set_config('work_mem', '1234kB', false)");
    expect(await firstCell(driver, "SELECT current_setting('work_mem')")).toBe(before);
    await read(driver, 'PREPARE sneaky AS SELECT 1');
    expect(await firstCell(driver, 'SELECT count(*)::int FROM pg_prepared_statements')).toBe(0);
  });

  it('a small read takes two round trips, the opening with the description and the rows with the clean-up; read again, one', async () => {
    const proxy = await countingProxy(fixture.dsn);
    const counted = await createDriver(sourceConfig(proxy.url));
    try {
      await firstCell(counted, 'SELECT 1'); // connects, learns the role and the int4 type
      expect(await proxy.measure(() => firstCell(counted, 'SELECT 41 + 1'))).toMatchObject({ value: 42, flights: 2 });
      expect(await proxy.measure(() => firstCell(counted, 'SELECT 41 + 1'))).toMatchObject({ value: 42, flights: 1 });
      // The session is still clean for the next call (the advisory-lock case), read either way.
      for (const round of [1, 2]) {
        await read(counted, 'SELECT pg_advisory_lock(424243)');
        const locks = await fixture.admin.query("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 424243");
        expect(Number(locks.rows[0].n), `round ${round}`).toBe(0);
      }
    } finally {
      await counted.close();
      await proxy.close();
    }
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

  it('only max_rows + 1 rows are fetched (in one batch, or through a cursor when they could outweigh the budget), the byte budget cuts early', async () => {
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../src/engine/drivers.js';
import type { Driver } from '../src/engine/types.js';
import { eventually, firstCell, read } from './support/direct.js';
import { sourceConfig } from './support/server.js';
import { type MysqlFixture, mysqlFixture } from './support/services.js';

// Layers 2-5 and 7 on their own: the driver is called directly, so the SQL guard never sees these.
describe('MariaDB/MySQL driver without the guard', () => {
  let fixture: MysqlFixture;
  let driver: Driver;
  const count = async (table: string) =>
    Number(((await fixture.admin.query(`SELECT count(*) AS n FROM ${fixture.database}.${table}`)) as unknown as [Array<{ n: number }>])[0][0]!.n);
  const sleeping = async (pattern: string) =>
    Number(
      (
        (await fixture.admin.query('SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE ?', [pattern])) as unknown as [
          Array<{ n: number }>,
        ]
      )[0][0]!.n,
    );

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
        expect((await read(fresh, "SELECT 'a\\'b', \"c\"")).rows).toEqual([["a'b", 'c']]);
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

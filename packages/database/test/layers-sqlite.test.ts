import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../src/engine/drivers.js';
import type { Driver } from '../src/engine/types.js';
import { firstCell, read } from './support/direct.js';
import { sourceConfig } from './support/server.js';
import { type SqliteFixture, sqliteFixture } from './support/services.js';

// Layers 2-5 and 7 on their own: the driver is called directly, so the SQL guard never sees these.
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
    await expect(read(driver, 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c', { timeoutMs: 400 })).rejects.toThrow(
      /cancelled/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await firstCell(driver, 'SELECT count(*) FROM customers')).toBe(40);
  });
});

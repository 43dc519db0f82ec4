import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../src/engine/drivers.js';
import type { Driver } from '../src/engine/types.js';
import { read } from './support/direct.js';
import { countingProxy } from './support/proxy.js';
import { sourceConfig } from './support/server.js';
import { type PgFixture, pgFixture } from './support/services.js';

// A statement read before is read again in one round trip, with a fresh description: these are the cases
// where that description no longer matches, or the statement cannot take the one-round-trip form.
describe('PostgreSQL: a statement read again', () => {
  let fixture: PgFixture;
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  let driver: Driver;

  beforeAll(async () => {
    fixture = await pgFixture();
    proxy = await countingProxy(fixture.dsn);
    driver = await createDriver(sourceConfig(proxy.url, { poolSize: 1 }));
    await read(driver, 'SELECT 1'); // connects, learns the role
  });
  afterAll(async () => {
    await driver?.close();
    await proxy?.close();
    await fixture?.drop();
  });

  const twice = async (sql: string) => {
    await read(driver, sql);
    return proxy.measure(() => read(driver, sql));
  };

  it('after its column became a huge text, comes back cut, and the huge value never crosses the wire', async () => {
    await fixture.admin.query('CREATE TABLE shape_change (v int)');
    await fixture.admin.query('INSERT INTO shape_change VALUES (7)');
    const sql = 'SELECT v FROM shape_change';
    expect(await twice(sql)).toMatchObject({ flights: 1, value: { rows: [[7]], columns: [{ name: 'v', type: 'integer' }] } });
    await fixture.admin.query("ALTER TABLE shape_change ALTER v TYPE text USING repeat('x', 3000000)");
    const changed = await proxy.measure(() => read(driver, sql));
    expect(changed.value.columns).toEqual([{ name: 'v', type: 'text' }]);
    expect(changed.value.rows).toEqual([[`${'x'.repeat(1000)}…[cut: 3000000 chars]`]]);
    expect(changed.serverBytes).toBeLessThan(20_000);
    // Read the new way from then on, in one round trip again.
    expect(await proxy.measure(() => read(driver, sql))).toMatchObject({ flights: 1, value: { rows: [[`${'x'.repeat(1000)}…[cut: 3000000 chars]`]] } });
  });

  it('after its column became a number, or was renamed, reads what is there now', async () => {
    await fixture.admin.query("CREATE TABLE shape_back AS SELECT '12'::text AS v");
    const sql = 'SELECT * FROM shape_back';
    expect((await twice(sql)).value.rows).toEqual([['12']]);
    await fixture.admin.query('ALTER TABLE shape_back ALTER v TYPE int USING v::int');
    expect(await read(driver, sql)).toMatchObject({ rows: [[12]], columns: [{ name: 'v', type: 'integer' }] });
    await fixture.admin.query('ALTER TABLE shape_back RENAME v TO w');
    expect(await read(driver, sql)).toMatchObject({ rows: [[12]], columns: [{ name: 'w', type: 'integer' }] });
  });

  it('that cannot be a subquery (CALL with an OUT parameter) keeps its answer, and is then read the usual way', async () => {
    await fixture.admin.query('CREATE PROCEDURE seven(OUT x int) LANGUAGE plpgsql AS $$ BEGIN x := 7; END $$');
    const sql = 'CALL seven(NULL)';
    for (let round = 0; round < 2; round++) expect((await read(driver, sql)).rows, `round ${round}`).toEqual([[7]]);
    expect(await proxy.measure(() => read(driver, sql))).toMatchObject({ flights: 2, value: { rows: [[7]] } });
  });

  it('with new parameters, or failing this time, answers as a first read would', async () => {
    const sql = 'SELECT 10 / $1::int AS q';
    expect((await read(driver, sql, { params: [2] })).rows).toEqual([[5]]);
    expect((await read(driver, sql, { params: [5] })).rows).toEqual([[2]]);
    await expect(read(driver, sql, { params: [0] })).rejects.toThrow(/division by zero/);
    expect((await read(driver, sql, { params: [1] })).rows).toEqual([[10]]);
  });
});

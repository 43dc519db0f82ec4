import type { ConnectedServer } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteDriver } from '../src/engine/sqlite-driver.js';
import { type Databases, openDatabases, threeSources } from './support/databases.js';
import { analyzeWithSamples } from './support/planner-samples.js';
import { startServer } from './support/server.js';

// The deny list holds on every path a statement (or a catalog tool) can take to a denied table's rows or
// name: views, partitions and inheritance, planner statistics, TOAST, catalogs, functions. Each case here
// read denied data (or named a denied table) before the policy was resolved through the engine.
let db: Databases;
let server: ConnectedServer;

const DENIED = ['secrets', 'part_secret', 'child_secret', 'secret_parent', 'secret_refs', 'secret_copy'];
const LONG_SECRET = Array.from({ length: 400 }, (_, index) => `sk-${index}-${(index * 7919) % 104729}`).join(':');

beforeAll(async () => {
  db = await openDatabases();
  await db.pg.admin.query(`
    ALTER TABLE secrets ALTER COLUMN value SET STORAGE EXTERNAL;
    INSERT INTO secrets (value) VALUES ('${LONG_SECRET}');
    CREATE VIEW secret_view AS SELECT id, upper(value) AS loud FROM secrets;
    CREATE VIEW secret_view_2 AS SELECT * FROM secret_view;
    CREATE MATERIALIZED VIEW secret_copy_mv AS SELECT * FROM secrets;
    CREATE TABLE part (k int, v text) PARTITION BY LIST (k);
    CREATE TABLE part_public PARTITION OF part FOR VALUES IN (1);
    CREATE TABLE part_secret PARTITION OF part FOR VALUES IN (2);
    INSERT INTO part VALUES (1, 'public'), (2, 'partition secret');
    CREATE TABLE parent_t (a int);
    CREATE TABLE child_secret (b text) INHERITS (parent_t);
    INSERT INTO child_secret VALUES (1, 'child secret');
    CREATE TABLE secret_parent (k int, v text) PARTITION BY LIST (k);
    CREATE TABLE secret_parent_1 PARTITION OF secret_parent FOR VALUES IN (1);
    INSERT INTO secret_parent VALUES (1, 'parent secret');
    CREATE TABLE secret_refs (id int PRIMARY KEY, customer_id int REFERENCES customers(id));
    CREATE FUNCTION leak_text() RETURNS text LANGUAGE sql AS 'SELECT string_agg(value, '','') FROM secrets';
    CREATE FUNCTION leak_atomic() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT string_agg(value, ',') FROM secrets; END;
    CREATE FUNCTION customer_count() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM customers; END;
    CREATE VIEW leak_through_function AS SELECT leak_text() AS v;
    ANALYZE;
  `);
  await db.my.admin.query(`
    CREATE VIEW secret_view AS SELECT id, UPPER(value) AS loud FROM secrets;
    CREATE VIEW secret_view_2 AS SELECT * FROM secret_view;
    CREATE TABLE secret_copy (id int, value varchar(100)) ENGINE=MyISAM;
    INSERT INTO secret_copy VALUES (1, 'merged secret');
    CREATE TABLE merged (id int, value varchar(100)) ENGINE=MERGE UNION=(secret_copy);
    CREATE TABLE secret_refs (id int PRIMARY KEY, customer_id int, FOREIGN KEY (customer_id) REFERENCES customers(id));
    CREATE FUNCTION leak_text() RETURNS text READS SQL DATA RETURN (SELECT GROUP_CONCAT(value) FROM secrets);
  `);
  const lite = sqliteDriver().openDatabase(db.lite.file);
  lite.exec(`
    CREATE VIEW secret_view AS SELECT id, upper(value) AS loud FROM secrets;
    CREATE TABLE secret_refs (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id));
    CREATE INDEX secrets_value ON secrets(value);
  `);
  analyzeWithSamples(lite);
  lite.close();
  server = await startServer({ database: { sources: threeSources(db), deniedTables: DENIED } });
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const query = (source: string, sql: string) => server.call('db_query', { source, sql });

async function refused(source: string, sql: string): Promise<string> {
  const result = await query(source, sql);
  expect(result.isError, `${source}: ${sql} answered ${result.text}`).toBe(true);
  expect(result.text).toMatch(/refused by database\.deniedTables/);
  expect(result.text).not.toMatch(/top secret|even more secret|partition secret|child secret|parent secret|merged secret|sk-\d/);
  return result.text;
}

describe('PostgreSQL: what the engine reads is what the policy checks', () => {
  it.each([
    ['a view over a denied table', 'SELECT * FROM secret_view'],
    ['a view over that view', 'SELECT loud FROM secret_view_2 WHERE id > 0'],
    ['a materialized copy', 'SELECT count(*) FROM secret_copy_mv'],
    ['a view in a subquery', 'SELECT (SELECT max(loud) FROM secret_view) AS m'],
    ['the parent of a denied partition', 'SELECT * FROM part'],
    ['the parent of a denied inheritance child', 'SELECT * FROM parent_t'],
    ['a partition of a denied parent', 'SELECT * FROM secret_parent_1'],
    ['a function whose body reads it (kept as text)', 'SELECT leak_text()'],
    ['a function whose body reads it (BEGIN ATOMIC)', 'SELECT leak_atomic()'],
    ['a view calling such a function', 'SELECT * FROM leak_through_function'],
  ])('%s', async (_what, sql) => {
    const text = await refused('pg', sql);
    expect(text).not.toMatch(/\bsecrets\b|part_secret|child_secret/);
  });

  it.each([
    ['planner statistics (pg_stats)', "SELECT histogram_bounds::text, most_common_vals::text FROM pg_stats WHERE tablename = 'secrets'"],
    ['planner statistics (pg_statistic)', 'SELECT stavalues1::text FROM pg_statistic'],
    ['the catalog', "SELECT relname FROM pg_class WHERE relname LIKE 'secret%'"],
    ['the information schema', "SELECT column_name FROM information_schema.columns WHERE table_name = 'secrets'"],
  ])('%s', async (_what, sql) => {
    expect(await refused('pg', sql)).toContain('a system catalog');
  });

  it('TOAST: the denied table’s long values are out of reach through its TOAST table', async () => {
    const { rows } = await db.pg.admin.query("SELECT reltoastrelid::regclass::text AS toast FROM pg_class WHERE oid = 'secrets'::regclass");
    const toast = rows[0].toast as string;
    expect(toast).toMatch(/^pg_toast\.pg_toast_\d+$/);
    expect(await refused('pg', `SELECT convert_from(chunk_data, 'UTF8') FROM ${toast}`)).toContain('a system catalog');
  });

  it('what the policy does not hide still runs: partitions, parents, views and functions over readable tables', async () => {
    expect((await query('pg', 'SELECT v FROM part_public')).structured?.rows).toEqual([['public']]);
    expect((await query('pg', 'SELECT customer_count()')).structured?.rows).toEqual([[40]]);
    expect((await query('pg', 'SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id')).structured?.rows).toEqual([[400]]);
  });
});

describe('MariaDB: views, stored functions, MERGE tables and system schemas', () => {
  it.each([
    ['a view over a denied table', 'SELECT * FROM secret_view'],
    ['a view over that view', 'SELECT loud FROM secret_view_2'],
    ['a stored function whose body reads it', 'SELECT leak_text()'],
    ['a MERGE table over it', 'SELECT * FROM merged'],
  ])('%s', async (_what, sql) => {
    await refused('my', sql);
  });

  it.each([
    ['the information schema', "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_NAME = 'secrets'"],
    ['column statistics', 'SELECT * FROM mysql.column_stats'],
    ['SHOW TABLES', 'SHOW TABLES'],
    ['SHOW CREATE VIEW', 'SHOW CREATE VIEW secret_view'],
  ])('%s', async (_what, sql) => {
    await refused('my', sql);
  });
});

describe('SQLite: what SQLite compiles is what the policy checks', () => {
  it.each([
    ['a view over a denied table', 'SELECT * FROM secret_view'],
    ["the schema table's DDL", 'SELECT sql FROM sqlite_master'],
    ['planner samples', 'SELECT sample FROM sqlite_stat4'],
    ['a denied index, through pragma_index_info', "SELECT * FROM pragma_index_info('secrets_value')"],
  ])('%s', async (_what, sql) => {
    await refused('lite', sql);
  });

  it('valid SQLite the old parser refused now runs: named windows, frames, a bare VALUES', async () => {
    const windows = await query(
      'lite',
      'SELECT id, sum(amount) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS pair, rank() OVER w AS r FROM orders WINDOW w AS (ORDER BY amount DESC) ORDER BY id LIMIT 2',
    );
    expect(windows.isError, windows.text).toBe(false);
    expect(windows.structured?.row_count).toBe(2);
    expect((await query('lite', "VALUES (1, 'a'), (2, 'b')")).structured?.rows).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });
});

describe.each(['pg', 'my', 'lite'])('catalog answers on %s never name a denied table', (source) => {
  it('db_describe_table leaves keys from denied tables out', async () => {
    const customers = await server.call('db_describe_table', { source, table: 'customers' });
    expect(customers.isError, customers.text).toBe(false);
    expect(customers.text).not.toContain('secret');
    expect(customers.structured!.referenced_by.map((key: { table: string }) => key.table.split('.').pop())).toContain('orders');
  });

  it('db_list_tables and the schema resource hide denied tables and what reads them', async () => {
    const schema = (await server.call('db_list_schemas', { source })).structured!.schemas as { name: string }[];
    const own = source === 'pg' ? db.pg.schema : undefined;
    const listed = await server.call('db_list_tables', { source, ...(own ? { schema: own } : {}) });
    const names = listed.structured!.tables.map((table: { name: string }) => table.name);
    expect(names).toContain('customers');
    expect(names.filter((name: string) => /secret|^part$|parent_t|merged|leak/.test(name))).toEqual([]);
    expect(listed.structured!.hidden_by_policy).toBeGreaterThan(0);
    expect(schema.length).toBeGreaterThan(0);
    const resource = await server.client.readResource({ uri: `db://${source}/schema` });
    expect((resource.contents[0] as { text: string }).text).not.toMatch(/secret|\bpart\(|parent_t|merged/);
  });

  it('the instructions do not name the denied tables', () => {
    expect(server.client.getInstructions()).not.toContain('secret');
  });
});

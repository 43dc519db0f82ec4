import type { ConnectedServer } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Databases, openDatabases, threeSources } from './support/databases.js';
import { startServer } from './support/server.js';
import { uniqueName } from './support/services.js';

// Every tool, resource and prompt end-to-end: the built bin, the real MCP client, real databases.
let db: Databases;
let server: ConnectedServer;
/** Another run's schema in the shared PostgreSQL database: assertions look at the fixture's own. */
const neighbour = uniqueName('tb_neighbour');

beforeAll(async () => {
  db = await openDatabases();
  await db.pg.admin.query(`CREATE SCHEMA ${neighbour}; CREATE TABLE ${neighbour}.orders (id int); CREATE TABLE ${neighbour}.widgets (id int)`);
  server = await startServer({
    database: { sources: threeSources(db), deniedTables: ['secrets'] },
  });
});

afterAll(async () => {
  await db?.pg.admin.query(`DROP SCHEMA IF EXISTS ${neighbour} CASCADE`);
  await server?.close();
  await db?.drop();
});

const SOURCES = ['pg', 'my', 'lite'] as const;

describe.each(SOURCES)('tools on %s', (source) => {
  it('db_query returns typed columns, rows and a CSV rendering', async () => {
    const result = await server.call('db_query', { source, sql: 'SELECT id, name, country FROM customers WHERE id <= 3 ORDER BY id' });
    expect(result.isError).toBe(false);
    expect(result.structured).toMatchObject({
      row_count: 3,
      truncated: false,
      rows: [
        [1, 'customer 1', 'DE'],
        [2, 'customer 2', 'FR'],
        [3, 'customer 3', 'JP'],
      ],
    });
    expect(result.structured!.columns.map((column: { name: string }) => column.name)).toEqual(['id', 'name', 'country']);
    expect(result.structured!.columns.every((column: { type: string }) => typeof column.type === 'string')).toBe(true);
    expect(result.text.split('\n').slice(0, 2)).toEqual(['id,name,country', '1,customer 1,DE']);
    expect(result.text).toMatch(/\(3 rows, \d+ ms\)/);
  });

  it('db_query binds positional params and caps rows at max_rows', async () => {
    const placeholder = source === 'pg' ? '$1' : '?';
    const result = await server.call('db_query', {
      source,
      sql: `SELECT id FROM orders WHERE status = ${placeholder} ORDER BY id`,
      params: ['paid'],
      max_rows: 5,
    });
    expect(result.structured).toMatchObject({ row_count: 5, truncated: true, truncated_by: 'max_rows' });
    expect(result.text).toContain('more rows exist');
    const typed = await server.call('db_query', {
      source,
      sql: `SELECT ${placeholder} AS flag, ${placeholder.replace('1', '2')} AS empty`,
      params: [true, null],
    });
    expect(typed.isError, typed.text).toBe(false);
    expect([true, 1, 'true']).toContain(typed.structured!.rows[0][0]);
    expect(typed.structured!.rows[0][1]).toBeNull();
  });

  it('db_query cuts huge cells with a marker and summarises binary', async () => {
    const sql = {
      pg: "SELECT repeat('x', 5000) AS big, '\\x0102030405'::bytea AS bin",
      my: "SELECT REPEAT('x', 5000) AS big, UNHEX('0102030405') AS bin",
      lite: "SELECT printf('%.*c', 5000, 'x') AS big, x'0102030405' AS bin",
    }[source];
    const result = await server.call('db_query', { source, sql });
    const [big, bin] = result.structured!.rows[0];
    expect(big).toMatch(/^x{1000}…\[cut: 5000 chars\]$/);
    expect(bin).toBe('[binary 5 bytes]');
  });

  it("db_query stops fetching at the client's output budget and says so", async () => {
    const result = await server.call('db_query', { source, sql: 'SELECT o.id, c.name, o.status, o.created_at FROM orders o, customers c', max_rows: 1000 });
    expect(result.structured).toMatchObject({ truncated: true, truncated_by: 'bytes' });
    expect(result.structured!.row_count).toBeGreaterThan(100);
    expect(result.structured!.row_count).toBeLessThan(1000);
    expect(result.text).toContain('result size budget was reached');
    expect(result.text).not.toContain('[output budget reached');
  });

  it('db_list_schemas and db_list_tables (policy-hidden tables left out)', async () => {
    const schemas = await server.call('db_list_schemas', { source });
    expect(schemas.isError).toBe(false);
    expect(schemas.structured!.schemas.length).toBeGreaterThan(0);
    // The test database is shared with other runs: on PostgreSQL, only the fixture's own schema.
    const own = source === 'pg' ? { schema: db.pg.schema } : {};
    const tables = await server.call('db_list_tables', { source, ...own });
    const names = tables
      .structured!.tables.filter((table: { type: string }) => table.type === 'table')
      .map((table: { name: string }) => table.name)
      .sort();
    expect(names).toEqual(['customers', 'employees', 'events', 'orders']);
    expect(tables.structured!.tables.filter((table: { type: string }) => table.type === 'view').length).toBeGreaterThan(0);
    expect(tables.structured!.hidden_by_policy).toBe(1);
    const filtered = await server.call('db_list_tables', { source, pattern: 'ord*', ...own });
    expect(filtered.structured!.tables.map((table: { name: string }) => table.name)).toEqual(['orders']);
  });

  it('db_describe_table shows columns, keys both ways and indexes', async () => {
    const orders = await server.call('db_describe_table', { source, table: 'orders' });
    expect(orders.isError).toBe(false);
    const described = orders.structured!;
    expect(described.columns.map((column: { name: string }) => column.name)).toEqual(['id', 'customer_id', 'amount', 'status', 'created_at']);
    expect(described.primary_key).toEqual(['id']);
    expect(described.foreign_keys).toEqual([expect.objectContaining({ columns: ['customer_id'], references_columns: ['id'] })]);
    expect(described.foreign_keys[0].references_table).toMatch(/customers$/);
    expect(described.indexes.some((index: { columns: string[] }) => index.columns.join() === 'customer_id')).toBe(true);
    const customers = await server.call('db_describe_table', { source, table: 'customers' });
    if (source !== 'lite') expect(customers.structured!.comment).toBe('People who buy things');
    expect(customers.structured!.referenced_by.map((key: { table: string }) => key.table.split('.').pop())).toContain('orders');
    const denied = await server.call('db_describe_table', { source, table: 'secrets' });
    expect(denied.isError).toBe(true);
    expect(denied.text).toContain('refused by database.deniedTables');
    const missing = await server.call('db_describe_table', { source, table: 'nope' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('db_list_tables');
  });

  it('db_explain summarises the plan without running the query', async () => {
    const result = await server.call('db_explain', {
      source,
      sql: 'SELECT c.name, count(*) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.name',
    });
    expect(result.isError).toBe(false);
    expect(result.structured!.nodes.length).toBeGreaterThan(0);
    expect(result.text.length).toBeGreaterThan(10);
    const refused = await server.call('db_explain', { source, sql: 'DELETE FROM orders' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/refused by/);
  });

  it('resources: compact schema and a table, with completion of table names', async () => {
    const schema = await server.client.readResource({ uri: `db://${source}/schema` });
    const text = (schema.contents[0] as { text: string }).text;
    expect(text).toMatch(/orders\(id \w+.*, customer_id /);
    expect(text).not.toContain('secrets');
    const table = await server.client.readResource({ uri: `db://${source}/tables/customers` });
    expect(JSON.parse((table.contents[0] as { text: string }).text).name).toBe('customers');
    const completion = await server.client.complete({
      ref: { type: 'ref/resource', uri: 'db://{source}/tables/{table}' },
      argument: { name: 'table', value: 'ord' },
      context: { arguments: { source } },
    });
    expect(completion.completion.values).toEqual(['orders']);
  });
});

describe('db_explain on big tables', () => {
  it.each(['pg', 'my', 'lite'] as const)('%s: a full scan of a big table is called out', async (source) => {
    if (source === 'pg')
      await db.pg.admin.query(
        `CREATE TABLE ${db.pg.schema}.big AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 20000) g; ANALYZE ${db.pg.schema}.big`,
      );
    if (source === 'my') await db.my.admin.query('CREATE TABLE big AS SELECT seq AS id, MD5(seq) AS v FROM seq_1_to_20000; ANALYZE TABLE big');
    const table = source === 'lite' ? 'orders' : 'big';
    const result = await server.call('db_explain', {
      source,
      sql: `SELECT * FROM ${table} WHERE v = 'x' OR v IS NULL`.replace(source === 'lite' ? /v = 'x' OR v IS NULL/ : /^$/, "status = 'x'"),
    });
    expect(result.isError, result.text).toBe(false);
    expect(result.structured!.warnings.join()).toMatch(source === 'lite' ? /full scan: SCAN orders/ : /(sequential|full table) scan on big \(~\d{5} rows\)/);
    expect(result.text).toMatch(/^! /m);
  });
});

describe('server surface', () => {
  it('lists the read tools only (read-only by default) and both prompts', async () => {
    const tools = (await server.client.listTools()).tools.map((tool) => tool.name).sort();
    expect(tools).toEqual(['db_describe_table', 'db_explain', 'db_list_schemas', 'db_list_tables', 'db_query']);
    const prompts = (await server.client.listPrompts()).prompts.map((prompt) => prompt.name).sort();
    expect(prompts).toEqual(['explore_schema', 'optimize_query']);
    const resources = (await server.client.listResources()).resources.map((resource) => resource.uri);
    expect(resources).toEqual(['db://pg/schema', 'db://my/schema', 'db://lite/schema']);
  });

  it('prompts render with their arguments', async () => {
    const optimize = await server.client.getPrompt({ name: 'optimize_query', arguments: { sql: 'SELECT * FROM orders' } });
    expect((optimize.messages[0]!.content as { text: string }).text).toContain('SELECT * FROM orders');
    expect((optimize.messages[0]!.content as { text: string }).text).toContain('db_explain');
    const explore = await server.client.getPrompt({ name: 'explore_schema', arguments: {} });
    const text = (explore.messages[0]!.content as { text: string }).text;
    expect(text).toContain('db_list_tables');
    expect(text).toContain('db://pg/schema');
    expect(text).not.toContain('{source}');
  });

  it('prompts refuse a source that is not configured, naming the ones that are', async () => {
    for (const name of ['optimize_query', 'explore_schema']) {
      const failed = await server.client.getPrompt({ name, arguments: { sql: 'SELECT 1', source: 'nope' } }).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failed?.message).toMatch(/no source "nope".*pg, my, lite/s);
    }
  });

  it('names the source list when a source is unknown', async () => {
    const result = await server.call('db_query', { source: 'nope', sql: 'SELECT 1' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('pg, my, lite');
  });

  it('the instructions list the sources; a privileged role is called out on stderr', async () => {
    const instructions = server.client.getInstructions() ?? '';
    expect(instructions).toContain('- pg: postgres, read-only');
    expect(instructions).toContain('- lite: sqlite, read-only');
    // The test services run as superuser / root: the warning must be loud (the model's copy is tested in privileges.test.ts).
    expect(server.stderr()).toMatch(/WARNING: source pg: role "\w+" is a SUPERUSER/);
    expect(server.stderr()).toMatch(/WARNING: source my: account has/);
  });
});

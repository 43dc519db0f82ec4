import { createServer } from '@toolbridge/core';
import type { ConnectedServer } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { server as spec } from '../src/index.js';
import { startServer } from './support/server.js';
import { type SqliteFixture, sqliteFixture } from './support/services.js';

// Per-source settings seen from the outside: allowedTables, the maxRows cap, DB_POOL_SIZE.
let lite: SqliteFixture;
let server: ConnectedServer;

beforeAll(async () => {
  lite = sqliteFixture();
  server = await startServer({
    database: { sources: [{ id: 'narrow', dsn: lite.dsn, allowedTables: ['customers', 'main.orders'], maxRows: 10 }] },
  });
});
afterAll(async () => {
  await server?.close();
  lite?.drop();
});

describe('source settings', () => {
  it('allowedTables: only those tables are listed and readable, joins included', async () => {
    const tables = await server.call('db_list_tables', {});
    expect(tables.structured!.tables.map((table: { name: string }) => table.name)).toEqual(['customers', 'orders']);
    expect(tables.structured!.hidden_by_policy).toBe(4);
    const joined = await server.call('db_query', { sql: 'SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id' });
    expect(joined.structured?.rows).toEqual([[400]]);
    const other = await server.call('db_query', { sql: 'SELECT o.id FROM orders o JOIN events e ON e.customer_id = o.customer_id' });
    expect(other.text).toMatch(/events.*refused by database\.allowedTables/);
    const described = await server.call('db_describe_table', { table: 'employees' });
    expect(described.text).toContain('refused by database.allowedTables');
  });

  it("max_rows is capped by the source's maxRows", async () => {
    const result = await server.call('db_query', { sql: 'SELECT id FROM orders', max_rows: 5000 });
    expect(result.structured).toMatchObject({ row_count: 10, truncated: true });
  });

  it('the old security.deniedTables still applies, with a warning naming database.deniedTables', async () => {
    const legacy = await startServer({ database: { sources: [{ id: 'old', dsn: lite.dsn }] }, security: { deniedTables: ['events'] } });
    try {
      expect(legacy.stderr()).toContain('config key security.deniedTables is deprecated: write database.deniedTables instead');
      const refused = await legacy.call('db_query', { sql: 'SELECT * FROM events' });
      expect(refused.text).toContain('refused by database.deniedTables');
    } finally {
      await legacy.close();
    }
  });

  it('DB_POOL_SIZE sets the pool size, and a bad value names the variable', async () => {
    const built = await createServer(spec, { argv: ['--dsn', lite.dsn], env: { DB_POOL_SIZE: '3' } });
    expect((built.runtime.context.settings as { poolSize: number }).poolSize).toBe(3);
    await built.close();
    await expect(createServer(spec, { argv: ['--dsn', lite.dsn], env: { DB_POOL_SIZE: 'many' } })).rejects.toThrow(/DB_POOL_SIZE: expected a decimal number/);
  });
});

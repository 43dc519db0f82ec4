import type { ConnectedServer } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type Databases, openDatabases, threeSources } from './support/databases.js';
import { startServer } from './support/server.js';

// db_execute exists only when writes are switched on, runs one statement, and asks before DDL or
// DELETE/UPDATE without WHERE (refusing when the client cannot be asked, unless --yes-i-know).
let db: Databases;
let server: ConnectedServer;
let yes: ConnectedServer;

const config = () => ({
  database: {
    sources: [...threeSources(db), { id: 'pinned', dsn: db.my.dsn, readOnly: true }],
    readOnly: false,
    deniedTables: ['secrets'],
  },
});
const pgCount = async (sql: string) => Number((await db.pg.admin.query(sql)).rows[0].n);

beforeAll(async () => {
  db = await openDatabases();
  [server, yes] = await Promise.all([startServer(config()), startServer(config(), { args: ['--yes-i-know'] })]);
});

afterAll(async () => {
  await Promise.all([server?.close(), yes?.close()]);
  await db?.drop();
});

describe('db_execute', () => {
  it('is offered, marked destructive, only when database.readOnly is false', async () => {
    const tool = (await server.client.listTools()).tools.find((candidate) => candidate.name === 'db_execute');
    expect(tool?.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
    expect(server.client.getInstructions()).toContain('- pg: postgres, writable through db_execute');
    expect(server.client.getInstructions()).toContain('- pinned: mysql, read-only');
  });

  it.each([
    ['pg', "INSERT INTO customers (name, country, created_at) VALUES ($1, $2, '2025-01-01')"],
    ['my', "INSERT INTO customers (name, country, created_at) VALUES (?, ?, '2025-01-01')"],
    ['lite', "INSERT INTO customers (name, country, created_at) VALUES (?, ?, '2025-01-01')"],
  ])('writes with parameters on %s', async (source, sql) => {
    const result = await server.call('db_execute', { source, sql, params: ['new customer', 'NL'] });
    expect(result.isError, result.text).toBe(false);
    expect(result.structured).toMatchObject({ affected_rows: 1 });
    const check = await server.call('db_query', { source, sql: "SELECT count(*) FROM customers WHERE country = 'NL'" });
    expect(check.structured?.rows).toEqual([[1]]);
  });

  it('returns RETURNING rows and runs UPDATE with WHERE without asking', async () => {
    const result = await server.call('db_execute', { source: 'pg', sql: "UPDATE orders SET status = 'void' WHERE id <= 3 RETURNING id" });
    expect(result.structured).toMatchObject({ command: 'UPDATE', affected_rows: 3, rows: [[1], [2], [3]] });
    expect(await pgCount(`SELECT count(*) AS n FROM ${db.pg.schema}.orders WHERE status = 'void'`)).toBe(3);
  });

  it('refuses DELETE without WHERE and DDL when the client cannot confirm, changing nothing', async () => {
    const remove = await server.call('db_execute', { source: 'pg', sql: 'DELETE FROM events' });
    expect(remove.isError).toBe(true);
    expect(remove.text).toMatch(/confirm/i);
    expect(remove.text).toContain('--yes-i-know');
    expect(await pgCount(`SELECT count(*) AS n FROM ${db.pg.schema}.events`)).toBe(100);
    const ddl = await server.call('db_execute', { source: 'lite', sql: 'DROP TABLE events' });
    expect(ddl.isError).toBe(true);
    expect((await server.call('db_query', { source: 'lite', sql: 'SELECT count(*) FROM events' })).structured?.rows).toEqual([[100]]);
  });

  it('asks through MCP elicitation when the client supports it, and runs only on yes', async () => {
    const answers: boolean[] = [false, true];
    const asked: string[] = [];
    const eliciting = await startServer(config(), { capabilities: { elicitation: {} } });
    // The SDK routes by the schema's method literal; the answer follows core's confirm form.
    eliciting.client.setRequestHandler(z.object({ method: z.literal('elicitation/create'), params: z.looseObject({ message: z.string() }) }), (request) => {
      asked.push(request.params.message);
      return { action: 'accept', content: { confirm: answers.shift() ?? false } };
    });
    try {
      const declined = await eliciting.call('db_execute', { source: 'lite', sql: 'DELETE FROM employees' });
      expect(declined.text).toContain('the user did not confirm');
      expect((await eliciting.call('db_query', { source: 'lite', sql: 'SELECT count(*) FROM employees' })).structured?.rows).toEqual([[5]]);
      const accepted = await eliciting.call('db_execute', { source: 'lite', sql: 'DELETE FROM employees' });
      expect(accepted.structured).toMatchObject({ affected_rows: 5 });
      expect(asked).toHaveLength(2);
      expect(asked[0]).toContain('DELETE FROM employees');
    } finally {
      await eliciting.close();
    }
  });

  it('with --yes-i-know runs them', async () => {
    const ddl = await yes.call('db_execute', { source: 'pg', sql: 'CREATE TABLE audit_notes (id int PRIMARY KEY, note text)' });
    expect(ddl.isError, ddl.text).toBe(false);
    const remove = await yes.call('db_execute', { source: 'my', sql: 'DELETE FROM events' });
    expect(remove.structured).toMatchObject({ affected_rows: 100 });
  });

  it('refuses on a source pinned read-only, and refuses stacked or denied-table writes', async () => {
    const pinned = await server.call('db_execute', { source: 'pinned', sql: "UPDATE orders SET status = 'x' WHERE id = 1" });
    expect(pinned.text).toContain('refused by read-only.source');
    const stacked = await server.call('db_execute', { source: 'pg', sql: "UPDATE orders SET status = 'x' WHERE id = 1; DROP TABLE customers" });
    expect(stacked.isError).toBe(true);
    expect(stacked.text).toMatch(/refused by/);
    const denied = await server.call('db_execute', { source: 'pg', sql: "UPDATE secrets SET value = 'x' WHERE id = 1" });
    expect(denied.text).toContain('refused by database.deniedTables');
    expect(await pgCount(`SELECT count(*) AS n FROM ${db.pg.schema}.orders WHERE status = 'x'`)).toBe(0);
  });

  it('db_query stays read-only when writes are on', async () => {
    const result = await server.call('db_query', { source: 'pg', sql: 'DELETE FROM orders WHERE id = 10' });
    expect(result.text).toMatch(/refused by/);
    expect(await pgCount(`SELECT count(*) AS n FROM ${db.pg.schema}.orders`)).toBe(400);
  });
});

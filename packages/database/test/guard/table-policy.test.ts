import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReadOnlySql, type Dialect, tablePolicyRefusal } from '../../src/guard/index.js';
import { type SqliteGuard, sqliteGuard } from '../support/sqlite-guard.js';
import { expectRefusal } from './refusal.js';

const denied = { deniedTables: ['api_keys', 'audit.admin_logs'] };

describe('deniedTables is enforced on every table a statement reads', () => {
  const refused: [Dialect, string, string][] = [
    ['postgres', 'SELECT * FROM users JOIN api_keys ON true', 'api_keys'],
    ['postgres', 'SELECT * FROM users WHERE id IN (SELECT user_id FROM api_keys)', 'api_keys'],
    ['postgres', 'SELECT * FROM users WHERE EXISTS (SELECT 1 FROM (SELECT * FROM api_keys) k)', 'api_keys'],
    ['postgres', 'WITH k AS (SELECT * FROM api_keys) SELECT * FROM k', 'api_keys'],
    ['postgres', 'WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r JOIN api_keys ON true) SELECT * FROM r', 'api_keys'],
    ['postgres', 'SELECT * FROM users u, LATERAL (SELECT key FROM api_keys a WHERE a.user_id = u.id) k', 'api_keys'],
    ['postgres', 'SELECT * FROM public."api_keys"', 'public.api_keys'],
    ['postgres', 'SELECT * FROM PUBLIC.API_KEYS', 'public.api_keys'],
    ['postgres', 'TABLE api_keys', 'api_keys'],
    ['postgres', 'EXPLAIN SELECT * FROM api_keys', 'api_keys'],
    ['postgres', 'SELECT (SELECT count(*) FROM api_keys) AS n', 'api_keys'],
    ['postgres', 'SELECT * FROM users ORDER BY (SELECT max(id) FROM api_keys)', 'api_keys'],
    ['postgres', 'SELECT * FROM audit.admin_logs', 'audit.admin_logs'],
    ['postgres', 'SELECT id FROM users UNION (WITH k AS (SELECT id FROM api_keys) SELECT id FROM k)', 'api_keys'],
    ['postgres', 'SELECT * FROM admin_logs', 'admin_logs'],
    // a CTE named like the table hides it only where PostgreSQL's scoping says so
    ['postgres', 'SELECT * FROM (WITH api_keys AS (SELECT 1) SELECT * FROM api_keys) a, api_keys', 'api_keys'],
    ['postgres', 'WITH a AS (SELECT * FROM api_keys), api_keys AS (SELECT 1) SELECT * FROM a', 'api_keys'],
    ['mysql', 'SELECT * FROM `api_keys`', 'api_keys'],
    ['mysql', 'SELECT * FROM shop.API_KEYS', 'shop.API_KEYS'],
    ['mysql', 'SELECT * FROM users WHERE EXISTS (SELECT 1 FROM api_keys WHERE api_keys.user_id = users.id)', 'api_keys'],
    ['mysql', 'WITH k AS (SELECT * FROM api_keys) SELECT * FROM k', 'api_keys'],
    ['mysql', 'SHOW COLUMNS FROM api_keys', 'api_keys'],
    ['mysql', 'DESCRIBE api_keys', 'api_keys'],
    ['mysql', 'SHOW CREATE TABLE api_keys', 'api_keys'],
    ['mysql', 'DESCRIBE SELECT * FROM api_keys', 'api_keys'],
    ['sqlite', 'PRAGMA table_info(api_keys)', 'api_keys'],
    ['mysql', 'SELECT * FROM users u LEFT JOIN (SELECT * FROM api_keys) k ON true', 'api_keys'],
    ['mysql', 'SELECT CASE WHEN EXISTS (SELECT 1 FROM api_keys) THEN 1 END', 'api_keys'],
  ];
  it.each(refused)('%s: %s', async (dialect, sql, table) => {
    const refusal = await expectRefusal(checkReadOnlySql(sql, dialect, denied), 'database.deniedTables');
    expect(refusal.message).toContain(`table ${table} is denied by database.deniedTables`);
  });

  const allowed: [Dialect, string, string[]][] = [
    ['postgres', 'WITH api_keys AS (SELECT 1 AS x) SELECT * FROM api_keys', []],
    ['postgres', 'SELECT 1 UNION (WITH api_keys AS (SELECT 2) SELECT * FROM api_keys)', []],
    ['postgres', 'SELECT * FROM other.admin_logs', ['other.admin_logs']],
    ['postgres', 'SELECT api_keys.x FROM (SELECT 1 AS x) AS api_keys', []],
    ['mysql', 'WITH api_keys AS (SELECT 1 AS x) SELECT * FROM api_keys', []],
  ];
  it.each(allowed)('%s passes: %s', async (dialect, sql, tables) => {
    await expect(checkReadOnlySql(sql, dialect, denied)).resolves.toMatchObject({ tables });
  });

  it("reads a non-recursive CTE body's reference to a later CTE name as the real table", async () => {
    const check = await checkReadOnlySql('WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a', 'postgres', {});
    expect(check.tables).toEqual(['b']);
  });
});

describe('allowedTables admits only listed tables', () => {
  const policy = { allowedTables: ['users', 'public.orders'] };

  it.each<[Dialect, string]>([
    ['postgres', 'SELECT * FROM users u JOIN orders o ON o.user_id = u.id'],
    ['postgres', 'SELECT * FROM public.orders WHERE user_id IN (SELECT id FROM USERS)'],
    ['postgres', 'WITH x AS (SELECT * FROM users) SELECT * FROM x'],
    ['mysql', 'SELECT * FROM users JOIN orders USING (id)'],
    ['postgres', 'SELECT 1'],
  ])('%s passes: %s', async (dialect, sql) => {
    await expect(checkReadOnlySql(sql, dialect, policy)).resolves.toBeDefined();
  });

  it.each<[Dialect, string, string]>([
    ['postgres', 'SELECT * FROM products', 'products'],
    ['postgres', 'SELECT * FROM sales.orders', 'sales.orders'],
    ['postgres', 'SELECT * FROM users WHERE id IN (SELECT user_id FROM api_keys)', 'api_keys'],
    ['postgres', 'SELECT * FROM pg_catalog.pg_authid', 'pg_catalog.pg_authid'],
    ['mysql', 'SELECT * FROM users JOIN mysql.user ON true', 'mysql.user'],
  ])('%s refuses: %s', async (dialect, sql, table) => {
    const refusal = await expectRefusal(checkReadOnlySql(sql, dialect, policy), 'database.allowedTables');
    expect(refusal.message).toContain(`table ${table} is not in database.allowedTables`);
  });
});

describe('SQLite: the policy holds on every table SQLite opens (its compiled program, views and indexes resolved)', () => {
  let lite: SqliteGuard;
  beforeAll(async () => {
    lite = await sqliteGuard();
  });
  afterAll(() => lite?.close());

  const denied = { deniedTables: ['api_keys'] };
  it.each([
    'EXPLAIN QUERY PLAN SELECT * FROM api_keys',
    'SELECT * FROM main.api_keys',
    'SELECT * FROM "api_keys"',
    'SELECT * FROM users u LEFT JOIN api_keys k ON k.user_id = u.id',
    "SELECT * FROM 'api_keys'",
    'SELECT * FROM `main`.`api_keys`',
    'SELECT * FROM [api_keys]',
    'SELECT name FROM users UNION SELECT secret FROM api_keys',
    'WITH k AS (SELECT * FROM api_keys) SELECT * FROM k',
    "SELECT (SELECT count(*) FROM api_keys WHERE secret LIKE 'sk-%')",
  ])('%s', async (sql) => {
    const refusal = await expectRefusal(lite.read(sql, denied), 'database.deniedTables');
    expect(refusal.message).toContain('table main.api_keys is denied by database.deniedTables');
  });

  it.each([
    ['a view over the denied table', 'SELECT * FROM user_keys'],
    ['a view, nested in a subquery', 'SELECT count(*) FROM (SELECT secret FROM user_keys)'],
  ])('%s is refused without naming the hidden table', async (_what, sql) => {
    const refusal = await expectRefusal(lite.read(sql, denied), 'database.deniedTables');
    expect(refusal.message).toContain('through a view');
    expect(refusal.message).not.toContain('api_keys');
  });

  it.each([
    ["the schema table's DDL", 'SELECT sql FROM sqlite_master'],
    ['the schema table, by its new name', "SELECT name FROM sqlite_schema WHERE type = 'table'"],
    ['planner samples of the denied index', 'SELECT sample FROM sqlite_stat4'],
    ['planner statistics', 'SELECT * FROM sqlite_stat1'],
  ])('%s: refused while a policy is set', async (_what, sql) => {
    await expect(lite.read(sql)).resolves.toBeDefined();
    const refusal = await expectRefusal(lite.read(sql, denied), 'database.deniedTables');
    expect(refusal.message).toContain('a system catalog');
  });

  it.each([
    ["the denied table's index, through pragma_index_info", "SELECT * FROM pragma_index_info('api_keys_secret')"],
    ['a view over the denied table, through pragma_table_info', "SELECT * FROM pragma_table_info('user_keys')"],
    ['a table named by a non-literal', 'SELECT p.name FROM sqlite_schema m JOIN pragma_table_info(m.name) p'],
    ['a table named through the hidden column', "SELECT * FROM pragma_table_info WHERE arg = 'api_keys'"],
    ['every table, through pragma_table_list', 'SELECT * FROM pragma_table_list'],
    ['page statistics of every table', 'SELECT name FROM dbstat'],
    ['a full-text table (its rows may come from any table)', "SELECT * FROM notes WHERE notes MATCH 'hello'"],
    ['the PRAGMA form of an index of the denied table', 'PRAGMA index_info(api_keys_secret)'],
    ['the PRAGMA form of a view over the denied table', 'PRAGMA table_info(user_keys)'],
  ])('%s: refused while a policy is set', async (_what, sql) => {
    await expectRefusal(lite.read(sql, denied), 'database.deniedTables');
  });

  it.each([
    ["SELECT 'api_keys' AS name FROM users"],
    ['SELECT * FROM user_names'],
    ["SELECT name FROM pragma_table_info('users')"],
    ["SELECT * FROM json_each('[1]')"],
    ['PRAGMA index_list(orders)'],
  ])('passes: %s', async (sql) => {
    await expect(lite.read(sql, denied)).resolves.toBeDefined();
  });

  it('allowedTables: a view reads only allowed tables, the schema table is refused', async () => {
    const allowed = { allowedTables: ['users', 'user_names', 'orders'] };
    await expect(lite.read('SELECT * FROM user_names JOIN orders ON 1', allowed)).resolves.toBeDefined();
    const refusal = await expectRefusal(lite.read('SELECT * FROM products', allowed), 'database.allowedTables');
    expect(refusal.message).toContain('table main.products is not in database.allowedTables');
    await expectRefusal(lite.read('SELECT * FROM sqlite_master', allowed), 'database.allowedTables');
  });
});

describe('tablePolicyRefusal (shared with the catalog tools)', () => {
  const policy = { allowedTables: ['users', 'api_keys'], deniedTables: ['public.api_keys'] };

  it('answers per table: denied, not allowed, or fine', () => {
    expect(tablePolicyRefusal({ schema: 'public', name: 'API_KEYS' }, policy)?.rule).toBe('database.deniedTables');
    expect(tablePolicyRefusal({ schema: 'other', name: 'api_keys' }, policy)).toBeUndefined();
    expect(tablePolicyRefusal({ schema: 'public', name: 'orders' }, policy)).toMatchObject({
      rule: 'database.allowedTables',
      message: 'table public.orders is not in database.allowedTables',
    });
    expect(tablePolicyRefusal({ name: 'users' }, policy)).toBeUndefined();
  });

  it('reports a denied table before one missing from the allow-list', async () => {
    await expectRefusal(checkReadOnlySql('SELECT * FROM orders, api_keys', 'postgres', policy), 'database.deniedTables');
  });
});

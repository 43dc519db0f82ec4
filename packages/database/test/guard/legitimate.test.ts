import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReadOnlySql, type Dialect } from '../../src/guard/index.js';
import { type SqliteGuard, sqliteGuard } from '../support/sqlite-guard.js';
import { expectRefusal } from './refusal.js';

type Legit = [sql: string, kind: string, tables: string[]];

const postgres: Legit[] = [
  ['SELECT id, row_number() OVER (PARTITION BY user_id ORDER BY created_at) FROM orders', 'select', ['orders']],
  ['SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY total) FROM orders', 'select', ['orders']],
  ['WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 10) SELECT sum(n) FROM t', 'select', []],
  [
    'SELECT u.id, o.* FROM users u CROSS JOIN LATERAL (SELECT * FROM orders WHERE orders.user_id = u.id ORDER BY created_at DESC LIMIT 3) o',
    'select',
    ['users', 'orders'],
  ],
  [`SELECT data->>'name', data->'tags', data @> '{"a": 1}', data #>> '{a,b}' FROM products WHERE data ? 'x'`, 'select', ['products']],
  ["SELECT jsonb_path_query(data, '$.items[*]') FROM products", 'select', ['products']],
  ['SELECT g, g * 2 FROM generate_series(1, 100) AS g', 'select', []],
  ['SELECT count(*) FILTER (WHERE total > 100), avg(total) FROM orders', 'select', ['orders']],
  ['SELECT region, product_id, sum(total) FROM orders GROUP BY GROUPING SETS ((region), (product_id), ())', 'select', ['orders']],
  ['SELECT DISTINCT ON (user_id) user_id, created_at FROM orders ORDER BY user_id, created_at DESC', 'select', ['orders']],
  [
    "SELECT CASE WHEN total > 100 THEN 'big' ELSE 'small' END, total::numeric(10,2), upper(name), date_trunc('month', created_at), coalesce(note, '') FROM orders",
    'select',
    ['orders'],
  ],
  ["SELECT current_setting('search_path'), now(), version()", 'select', []],
  ['EXPLAIN (FORMAT JSON, COSTS) SELECT * FROM users WHERE id = 1', 'explain', ['users']],
  ['EXPLAIN SELECT * FROM orders', 'explain', ['orders']],
  ["VALUES (1, 'a'), (2, 'b')", 'values', []],
  ['TABLE users', 'select', ['users']],
  ['SHOW search_path', 'show', []],
  ["SELECT $$it's; DROP TABLE users$$ AS text", 'select', []],
  ["SELECT E'it\\'s; DROP TABLE users --' AS text", 'select', []],
  ['SELECT 1 /* nested /* comment; */ still a comment; */', 'select', []],
  ['SELECT 1;', 'select', []],
  ['SELECT 1; -- done', 'select', []],
  ['SELECT * FROM public."Order Items" oi JOIN users USING (id)', 'select', ['public.Order Items', 'users']],
  ['SELECT relname FROM pg_catalog.pg_class WHERE relkind = $1 LIMIT $2', 'select', ['pg_catalog.pg_class']],
  ['SELECT id FROM users UNION ALL SELECT id FROM orders EXCEPT SELECT 3', 'select', ['users', 'orders']],
  ["SELECT regexp_replace(name, '\\s+', ' ', 'g'), string_agg(email, ', ') FROM users GROUP BY 1", 'select', ['users']],
  ["SELECT name FROM users WHERE name LIKE '%\\_%' AND note = E'\\\\'", 'select', ['users']],
  ['SELECT r.http_status, r.lo_id FROM requests r', 'select', ['requests']],
  ['SELECT 1 -- windows line end\r\n', 'select', []],
];

const mysql: Legit[] = [
  ['SELECT user_id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY created_at) AS rn FROM orders', 'select', ['orders']],
  ["SELECT JSON_EXTRACT(data, '$.name'), data->>'$.tags' FROM products", 'select', ['products']],
  ['WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM t WHERE n < 10) SELECT SUM(n) FROM t', 'select', []],
  ["SELECT user_id, GROUP_CONCAT(id ORDER BY id SEPARATOR ',') FROM orders GROUP BY user_id", 'select', ['orders']],
  [
    'SELECT u.name, COUNT(o.id) FROM users u LEFT JOIN shop.orders o ON o.user_id = u.id GROUP BY u.name HAVING COUNT(o.id) > 1',
    'select',
    ['users', 'shop.orders'],
  ],
  ['DESCRIBE users', 'describe', ['users']],
  ['EXPLAIN SELECT * FROM users WHERE id = 1', 'explain', ['users']],
  ['EXPLAIN FORMAT=JSON SELECT * FROM orders WHERE total > 10', 'explain', ['orders']],
  ["SELECT '/*! not a comment */' AS s, 'a;b' AS t, \"x -- y\" AS u", 'select', []],
  ["SELECT * FROM `order items` WHERE note = 'it''s'", 'select', ['order items']],
  ['SELECT 1 -- trailing comment', 'select', []],
  ['SELECT 1 -- windows line end\r\n', 'select', []],
  ["SELECT IF(total > 10, 1, 0), DATE_FORMAT(created_at, '%Y-%m'), @@version FROM orders", 'select', ['orders']],
];

/** SQLite compiles these itself (no second parser): they run against real tables. */
const sqlite: [sql: string, kind: string][] = [
  ["SELECT json_extract(data, '$.name'), data ->> '$.tags' FROM products", 'select'],
  ['SELECT user_id, sum(total) OVER (PARTITION BY user_id) FROM orders', 'select'],
  ['SELECT id, sum(total) OVER (PARTITION BY 1 ORDER BY created_at) AS running FROM orders', 'select'],
  ['SELECT id, sum(total) OVER (ORDER BY created_at) AS running FROM orders', 'select'],
  ['SELECT user_id, rank() over(order by sum(total) DESC) AS r, row_number() OVER /* c */ ( ORDER BY user_id) FROM orders GROUP BY user_id', 'select'],
  ['SELECT \'over (order by x)\' AS s, "name" FROM users', 'select'],
  ['WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 10) SELECT sum(n) FROM t', 'select'],
  ["SELECT strftime('%Y', created_at), count(*) FROM main.orders GROUP BY 1", 'select'],
  ["SELECT * FROM json_each('[1,2,3]')", 'select'],
  ["SELECT name FROM pragma_table_info('users')", 'select'],
  ['PRAGMA table_info(users)', 'pragma'],
  ["PRAGMA index_list('orders')", 'pragma'],
  ['PRAGMA user_version', 'pragma'],
  ['EXPLAIN QUERY PLAN SELECT * FROM users JOIN orders ON orders.user_id = users.id', 'explain'],
  ["SELECT 'back\\slash' AS s", 'select'],
  // Valid SQLite that node-sql-parser's grammar refused: named windows, frame clauses, a bare VALUES.
  ['SELECT id, rank() OVER w FROM orders WINDOW w AS (ORDER BY total DESC)', 'select'],
  ['SELECT sum(total) OVER (ORDER BY created_at ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM orders', 'select'],
  [
    'SELECT avg(total) OVER w, max(total) OVER (w RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM orders WINDOW w AS (PARTITION BY region ORDER BY total)',
    'select',
  ],
  ['SELECT count(*) FILTER (WHERE total > 10) OVER (ORDER BY id GROUPS 1 PRECEDING EXCLUDE TIES) FROM orders', 'select'],
  ["VALUES (1, 'a'), (2, 'b')", 'values'],
  ["SELECT * FROM users WHERE name GLOB 'a*' OR email LIKE '%!_%' ESCAPE '!'", 'select'],
  ["SELECT iif(total > 15, 'big', 'small'), total -> 0, typeof(total) FROM orders", 'select'],
  ['SELECT name FROM users UNION SELECT name FROM products ORDER BY 1 LIMIT 1 OFFSET 0', 'select'],
];

const suites: [Dialect, Legit[]][] = [
  ['postgres', postgres],
  ['mysql', mysql],
];

for (const [dialect, queries] of suites) {
  describe(`${dialect} legitimate reads pass`, () => {
    it.each(queries)('%s', async (sql, kind, tables) => {
      await expect(checkReadOnlySql(sql, dialect, { deniedTables: ['api_keys'] })).resolves.toMatchObject({ kind, tables });
    });
  });
}

describe('sqlite legitimate reads run', () => {
  let lite: SqliteGuard;
  beforeAll(async () => {
    lite = await sqliteGuard();
  });
  afterAll(() => lite?.close());

  it.each(sqlite)('%s', async (sql, kind) => {
    await expect(lite.read(sql, { deniedTables: ['api_keys'] })).resolves.toMatchObject({ kind });
  });
});

describe('statements that list other tables pass only without a table policy', () => {
  let lite: SqliteGuard;
  beforeAll(async () => {
    lite = await sqliteGuard();
  });
  afterAll(() => lite?.close());

  it('MySQL SHOW TABLES', async () => {
    await expect(checkReadOnlySql('SHOW TABLES', 'mysql', {})).resolves.toMatchObject({ kind: 'show' });
    await expectRefusal(checkReadOnlySql('SHOW TABLES', 'mysql', { deniedTables: ['api_keys'] }), 'database.deniedTables');
  });

  it('SQLite PRAGMA foreign_key_list (it names the tables a key points to)', async () => {
    await expect(lite.read('PRAGMA main.foreign_key_list("orders")')).resolves.toMatchObject({ kind: 'pragma' });
    await expectRefusal(lite.read('PRAGMA main.foreign_key_list("orders")', { deniedTables: ['api_keys'] }), 'database.deniedTables');
  });
});

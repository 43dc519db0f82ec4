import type { ConnectedServer } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Databases, openDatabases, strictConfig } from './support/databases.js';
import { startServer } from './support/server.js';

// Legitimate analytical SQL must pass every layer and return the right answer.
let db: Databases;
let server: ConnectedServer;

beforeAll(async () => {
  db = await openDatabases();
  server = await startServer(strictConfig(db));
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

type Check = (rows: unknown[][]) => void;
const QUERIES: Array<[string, string, string, Check]> = [
  [
    'pg',
    'window function: running total per customer',
    'SELECT customer_id, id, sum(amount) OVER (PARTITION BY customer_id ORDER BY id) AS running FROM orders WHERE customer_id = 1 ORDER BY id',
    (rows) => expect(rows.length).toBe(10),
  ],
  [
    'pg',
    'window function: rank with a named window',
    'SELECT country, name, rank() OVER w AS r FROM customers WINDOW w AS (PARTITION BY country ORDER BY created_at DESC) ORDER BY country, r LIMIT 4',
    (rows) => expect(rows.map((row) => row[2])).toEqual([1, 2, 3, 4]),
  ],
  [
    'pg',
    'WITHIN GROUP: median and percentiles',
    'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) AS median, percentile_disc(ARRAY[0.25, 0.75]) WITHIN GROUP (ORDER BY amount) AS quartiles, mode() WITHIN GROUP (ORDER BY status) FROM orders',
    (rows) => expect(rows[0]![2]).toBe('shipped'),
  ],
  [
    'pg',
    'recursive CTE over a hierarchy',
    'WITH RECURSIVE chain AS (SELECT id, name, 0 AS depth FROM employees WHERE manager_id IS NULL UNION ALL SELECT e.id, e.name, c.depth + 1 FROM employees e JOIN chain c ON e.manager_id = c.id) SELECT name, depth FROM chain ORDER BY depth, name',
    (rows) =>
      expect(rows).toEqual([
        ['ceo', 0],
        ['cfo', 1],
        ['cto', 1],
        ['engineer', 2],
        ['engineer 2', 2],
      ]),
  ],
  [
    'pg',
    'LATERAL top-N per group',
    'SELECT c.id, o.amount FROM customers c CROSS JOIN LATERAL (SELECT amount FROM orders WHERE customer_id = c.id ORDER BY amount DESC LIMIT 2) o WHERE c.id <= 3 ORDER BY c.id, o.amount DESC',
    (rows) => expect(rows.length).toBe(6),
  ],
  [
    'pg',
    'JSON operators',
    "SELECT payload->>'kind' AS kind, count(*), sum((payload->>'score')::int) FROM events WHERE payload ? 'tags' AND payload @> '{\"kind\": \"buy\"}' GROUP BY 1",
    (rows) => expect(rows).toEqual([['buy', 33, 1650]]),
  ],
  [
    'pg',
    'JSON set-returning function in FROM',
    "SELECT t.value FROM events e, jsonb_array_elements_text(e.payload->'tags') t WHERE e.id = 1",
    (rows) => expect(rows).toEqual([['a'], ['b']]),
  ],
  [
    'pg',
    'generate_series with a bounded count',
    "SELECT d::date AS day, count(o.id) FROM generate_series(timestamp '2025-01-01', timestamp '2025-01-05', interval '1 day') d LEFT JOIN orders o ON o.created_at::date = d::date GROUP BY 1 ORDER BY 1",
    (rows) => expect(rows.length).toBe(5),
  ],
  [
    'pg',
    'GROUPING SETS / ROLLUP',
    'SELECT status, count(*) FROM orders GROUP BY ROLLUP (status) ORDER BY status NULLS LAST',
    (rows) => expect(rows.at(-1)).toEqual([null, 400]),
  ],
  [
    'pg',
    'FILTER clause and DISTINCT ON',
    "SELECT DISTINCT ON (country) country, count(*) FILTER (WHERE name LIKE 'customer 1%') OVER (PARTITION BY country) FROM customers ORDER BY country",
    (rows) => expect(rows.length).toBe(4),
  ],
  [
    'pg',
    'positional parameters and arrays',
    'SELECT count(*) FROM orders WHERE status = ANY($1::text[]) AND amount > $2',
    (rows) => expect(Number(rows[0]![0])).toBeGreaterThan(0),
  ],
  [
    'pg',
    'VALUES and TABLE',
    "VALUES (1, 'a'), (2, 'b')",
    (rows) =>
      expect(rows).toEqual([
        [1, 'a'],
        [2, 'b'],
      ]),
  ],
  [
    'my',
    'window function with frame',
    'SELECT id, AVG(amount) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving FROM orders ORDER BY id LIMIT 3',
    (rows) => expect(rows.length).toBe(3),
  ],
  [
    'my',
    'recursive CTE',
    'WITH RECURSIVE chain AS (SELECT id, name, 0 AS depth FROM employees WHERE manager_id IS NULL UNION ALL SELECT e.id, e.name, c.depth + 1 FROM employees e JOIN chain c ON e.manager_id = c.id) SELECT COUNT(*), MAX(depth) FROM chain',
    (rows) => expect(rows).toEqual([[5, 2]]),
  ],
  [
    'my',
    'JSON functions',
    "SELECT JSON_UNQUOTE(JSON_EXTRACT(payload, '$.kind')) AS kind, COUNT(*) FROM events GROUP BY kind ORDER BY kind",
    (rows) =>
      expect(rows).toEqual([
        ['buy', 33],
        ['click', 34],
        ['view', 33],
      ]),
  ],
  [
    'my',
    'derived table join with GROUP BY ... WITH ROLLUP',
    'SELECT c.country, SUM(o.amount) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.country WITH ROLLUP',
    (rows) => expect(rows.length).toBe(5),
  ],
  ['my', 'SHOW and DESCRIBE', 'SHOW COLUMNS FROM orders', (rows) => expect(rows.length).toBe(5)],
  [
    'lite',
    'window function and CTE',
    'WITH totals AS (SELECT customer_id, country, SUM(amount) AS total FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY customer_id) SELECT customer_id, ROW_NUMBER() OVER (PARTITION BY country ORDER BY total DESC) AS r FROM totals',
    (rows) => expect(rows.filter((row) => row[1] === 1).length).toBe(4),
  ],
  [
    'lite',
    'ranking over the whole result (a window without PARTITION BY)',
    'SELECT customer_id, SUM(amount) AS total, RANK() OVER (ORDER BY SUM(amount) DESC) AS r FROM orders GROUP BY customer_id ORDER BY r LIMIT 3',
    (rows) => expect(rows.map((row) => row[2])).toEqual([1, 2, 3]),
  ],
  [
    'lite',
    'recursive CTE with a bound',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT SUM(i) FROM n',
    (rows) => expect(rows).toEqual([[5050]]),
  ],
  [
    'lite',
    'JSON functions',
    "SELECT json_extract(payload, '$.kind') AS kind, COUNT(*) FROM events GROUP BY kind ORDER BY kind",
    (rows) =>
      expect(rows).toEqual([
        ['buy', 33],
        ['click', 34],
        ['view', 33],
      ]),
  ],
  ['lite', 'read-only PRAGMA', 'PRAGMA table_info(orders)', (rows) => expect(rows.length).toBe(5)],
];

describe('legitimate analytical queries succeed', () => {
  it.each(QUERIES)('%s: %s', async (source, _label, sql, check) => {
    const params = sql.includes('$1') ? ['{paid,shipped}', 10] : undefined;
    const result = await server.call('db_query', { source, sql, ...(params ? { params: params as never } : {}) });
    expect(result.isError, result.text).toBe(false);
    check(result.structured!.rows);
  });

  it('at least 15 of them', () => expect(QUERIES.length).toBeGreaterThanOrEqual(15));
});

describe('pool hygiene: a refused or timed-out query leaves the next one on the same pool unaffected', () => {
  it.each([
    ['pg', 'SELECT pg_advisory_lock(1)', 'SELECT count(*) FROM generate_series(1, 100000000000)', 'SELECT count(*)::int FROM customers'],
    ['my', "SELECT GET_LOCK('x', 0)", 'SELECT COUNT(*) FROM seq_1_to_100000 a, seq_1_to_100000 b', 'SELECT COUNT(*) FROM customers'],
    [
      'lite',
      "ATTACH DATABASE '/tmp/x.db' AS x",
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c',
      'SELECT count(*) FROM customers',
    ],
  ])('%s', async (source, refused, slow, next) => {
    const refusal = await server.call('db_query', { source, sql: refused });
    expect(refusal.text).toMatch(/refused by/);
    expect((await server.call('db_query', { source, sql: next })).structured?.rows).toEqual([[40]]);
    const started = Date.now();
    const timedOut = await server.call('db_query', { source, sql: slow });
    expect(timedOut.isError).toBe(true);
    expect(timedOut.text).toMatch(/ran longer than 1500 ms and was cancelled on the server/);
    expect(Date.now() - started).toBeLessThan(5_000);
    const after = await server.call('db_query', { source, sql: next });
    expect(after.isError, after.text).toBe(false);
    expect(after.structured?.rows).toEqual([[40]]);
  });
});

describe('concurrent calls on a pool of one connection', () => {
  it.each([
    ['pg', 'SELECT count(*) FROM generate_series(1, 100000000000)'],
    ['my', 'SELECT COUNT(*) FROM seq_1_to_100000 a, seq_1_to_100000 b'],
    ['lite', 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c'],
  ])('%s: calls queue for the connection; a refusal and a timeout among them do not disturb the others', async (source, slow) => {
    const calls = [
      server.call('db_query', { source, sql: 'SELECT count(*) FROM orders' }),
      server.call('db_query', { source, sql: slow }),
      server.call('db_query', { source, sql: 'DELETE FROM orders' }),
      server.call('db_query', { source, sql: "SELECT count(*) FROM customers WHERE country = 'DE'" }),
      server.call('db_query', { source, sql: 'SELECT max(id) FROM orders' }),
    ];
    const [orders, timedOut, refused, german, last] = await Promise.all(calls);
    expect(orders!.structured?.rows).toEqual([[400]]);
    expect(timedOut!.text).toMatch(/cancelled on the server/);
    expect(refused!.text).toMatch(/refused by/);
    expect(german!.structured?.rows).toEqual([[10]]);
    expect(last!.structured?.rows).toEqual([[400]]);
  });
});

import type { ServerContext } from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import { type DatabaseSettings, resolveSources, settingsSchema } from '../src/config/settings.js';
import type { Dialect } from '../src/guard/index.js';
import { maskPlanFor, parseMaskPatterns, refuseMaskedWrite } from '../src/mask/index.js';

// How statements are followed, without a database: which result columns come back masked, and what is
// refused. The real-database tests (mask-columns.test.ts) show the values themselves.
const PATTERNS = parseMaskPatterns(['people.email', 'app.accounts.iban', '*.badge'], 'test');

async function masks(sql: string, names: string[], dialect: Dialect = 'postgres') {
  const plan = await maskPlanFor(sql, dialect, PATTERNS);
  return plan?.mask(names);
}

const refusal = (sql: string, dialect: Dialect = 'postgres') =>
  maskPlanFor(sql, dialect, PATTERNS).then(
    () => 'not refused',
    (error: Error) => error.message,
  );

describe('database.maskColumns settings', () => {
  it('a misspelled key is an error, as for every other key', () => {
    const top = settingsSchema.safeParse({ maskColumn: ['people.email'] });
    expect(top.success).toBe(false);
    expect(JSON.stringify(top.error?.issues)).toContain('maskColumn');
    const nested = settingsSchema.safeParse({ sources: [{ id: 'a', dsn: 'sqlite::memory:', maskColums: ['people.email'] }] });
    expect(nested.success).toBe(false);
  });

  it('a pattern that is not table.column, schema.table.column or *.column names its entry', () => {
    const context = (maskColumns: string[]) =>
      ({
        settings: settingsSchema.parse({ dsn: 'sqlite::memory:', maskColumns }),
        config: { selection: { readOnly: false } },
      }) as unknown as ServerContext<DatabaseSettings>;
    expect(resolveSources(context(['people.email', 'app.people.email', '*.phone']))[0]!.masked).toHaveLength(3);
    for (const bad of ['email', 'people.*', 'a.b.c.d', 'people.e-mail', '*.*']) {
      expect(() => resolveSources(context(['people.email', bad]))).toThrow(/database\.maskColumns\[1\]: .* is not a column pattern/);
    }
  });
});

describe.each(['postgres', 'mysql', 'sqlite'] as const)('%s: following masked columns', (dialect) => {
  it('leaves statements that read no masked table alone', async () => {
    expect(await maskPlanFor('SELECT email FROM customers WHERE email = 1', dialect, PATTERNS.slice(0, 2))).toBeUndefined();
  });

  it('maps result columns: plain references keep the PII mask, expressions are masked whole', async () => {
    expect(await masks('SELECT id, email AS e, lower(email) AS l, name FROM people', ['id', 'e', 'l', 'name'], dialect)).toEqual([
      undefined,
      'value',
      'whole',
      undefined,
    ]);
    expect(await masks('SELECT * FROM people', ['id', 'email', 'name', 'badge'], dialect)).toEqual([undefined, 'value', undefined, 'value']);
    expect(await masks('SELECT id FROM orders o JOIN people p ON p.id = o.person_id', ['id'], dialect)).toEqual([undefined]);
    // SQLite reads "email" as the column (node-sql-parser as a string): it is taken as the column.
    if (dialect !== 'mysql') expect(await masks('SELECT "email" FROM people', ['email'], dialect)).toEqual(['value']);
  });

  it('follows names through CTEs and subqueries, and an expression given a name there stays masked whole', async () => {
    expect(await masks('WITH c AS (SELECT upper(email) AS u FROM people) SELECT u AS v FROM c', ['v'], dialect)).toEqual(['whole']);
    expect(await masks('SELECT s.x FROM (SELECT email AS x FROM people) s', ['x'], dialect)).toEqual(['value']);
    expect(await masks('SELECT id FROM people UNION ALL SELECT email FROM people', ['id'], dialect)).toEqual(['value']);
  });

  it.each([
    ['a USING join on it', 'SELECT a.id FROM people a JOIN people b USING (email)'],
    ['a NATURAL JOIN', 'SELECT * FROM people NATURAL JOIN people_copy'],
    ['a double-quoted name in WHERE', 'SELECT id FROM people WHERE "email" > 1'],
    ['a window partitioned or ordered by it (it orders the rows)', 'SELECT id, row_number() OVER (ORDER BY email) AS r FROM people'],
    ['ORDER BY the position of a UNION ALL output', 'SELECT email FROM people UNION ALL SELECT name FROM people ORDER BY 1'],
    ['HAVING on it', 'SELECT count(*) AS n FROM people HAVING max(email) > 1'],
    ['a UNION (it compares rows)', 'SELECT email FROM people UNION SELECT name FROM people'],
    ['an unnamed expression over it inside a subquery', 'SELECT * FROM (SELECT lower(email) FROM people) s'],
  ])('refuses %s', async (_what, sql) => {
    expect(await refusal(sql, dialect)).toMatch(/masked|NATURAL/);
  });
});

it.each(['postgres', 'mysql', 'sqlite'] as const)('%s: a string the parser could end elsewhere than the database is refused', async (dialect) => {
  // SQLite ends 'x\' at the backslash and runs the WHERE; a parser with backslash escapes would read one long string.
  expect(await refusal("SELECT 'x\\', id FROM people WHERE email LIKE 'a%' --' AS q", dialect)).toMatch(/masked|ambiguous|read differently/);
});

describe('EXPLAIN', () => {
  it.each(['postgres', 'mysql'] as const)('%s: a plan masks nothing, but its row estimates would answer a condition on a masked column', async (dialect) => {
    expect(await refusal("EXPLAIN SELECT id FROM people WHERE email = 'x'", dialect)).toMatch(/masked/);
    expect(await masks('EXPLAIN SELECT lower(email) AS l FROM people', ['QUERY PLAN'], dialect)).toEqual([undefined]);
  });
});

describe('PostgreSQL specifics', () => {
  it('a whole-row reference or a renaming column list carries the masked column', async () => {
    expect(await masks('SELECT row_to_json(p) AS j FROM people p', ['j'])).toEqual(['whole']);
    expect(await refusal("SELECT 1 FROM people AS p(a, b) WHERE b = 'x'")).toMatch(/masked/);
    expect(await refusal("SELECT 1 FROM (people a JOIN people b USING (id)) AS j(i, x) WHERE x = 'y'")).toMatch(/masked/);
    expect(await refusal("WITH c(a) AS (SELECT email FROM people) SELECT 1 FROM c WHERE a = 'x'")).toMatch(/masked/);
    expect(await refusal('SELECT p FROM people p ORDER BY p')).toMatch(/whole row/);
    expect(await masks('SELECT p AS r FROM people p TABLESAMPLE SYSTEM (50)', ['r'])).toEqual(['whole']);
  });

  it('EXISTS is allowed (it never looks at values)', async () => {
    expect(await masks('SELECT id FROM orders o WHERE EXISTS (SELECT * FROM people p WHERE p.id = o.id)', ['id'])).toEqual([undefined]);
  });

  it('a schema-qualified pattern applies to that schema (and to unqualified names, which may resolve to it)', async () => {
    expect(await masks('SELECT iban FROM app.accounts', ['iban'])).toEqual(['value']);
    expect(await masks('SELECT iban FROM accounts', ['iban'])).toEqual(['value']);
    expect(await maskPlanFor('SELECT iban FROM other.accounts', 'postgres', PATTERNS.slice(1, 2))).toBeUndefined();
  });
});

describe('db_execute', () => {
  it('refuses a write that names a masked column or returns rows', () => {
    expect(() => refuseMaskedWrite('UPDATE notes SET text = email FROM people', PATTERNS)).toThrow(/names email/);
    expect(() => refuseMaskedWrite('DELETE FROM people WHERE id = 1 RETURNING *', PATTERNS)).toThrow(/RETURNING/);
    expect(() => refuseMaskedWrite('UPDATE people SET name = 1 WHERE id = 2', PATTERNS)).not.toThrow();
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { binPath, type ConnectedServer } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteDriver } from '../src/engine/sqlite-driver.js';
import { type Databases, openDatabases, threeSources } from './support/databases.js';
import { packageDir, startServer } from './support/server.js';

// database.maskColumns: a masked column comes back masked whatever the statement calls it, and a
// statement that would reveal it otherwise (a filter, a join, an ordering on it) is refused.
let db: Databases;
let server: ConnectedServer;
const auditDir = mkdtempSync(join(tmpdir(), 'tb-mask-audit-'));
const auditFile = join(auditDir, 'audit.jsonl');

const PEOPLE = [
  [1, 'ada@lovelace.dev', 'Ada', 'XK-1815'],
  [2, 'grace@hopper.dev', 'Grace', 'ZQ-1906'],
];
const VALUES = PEOPLE.map(([id, email, name, badge]) => `(${id}, '${email}', '${name}', '${badge}')`).join(', ');
const SECRET = /ada@|grace@|race@|XK-1815|ZQ-1906/;

beforeAll(async () => {
  db = await openDatabases();
  const view = 'CREATE VIEW contacts AS SELECT id, email AS address FROM people';
  await db.pg.admin.query(`CREATE TABLE people (id int PRIMARY KEY, email text, name text, badge text); INSERT INTO people VALUES ${VALUES}; ${view};
    CREATE FUNCTION first_email() RETURNS text LANGUAGE sql AS 'SELECT email FROM people ORDER BY id LIMIT 1';`);
  await db.my.admin.query(
    `CREATE TABLE people (id int PRIMARY KEY, email varchar(100), name varchar(100), badge varchar(20)); INSERT INTO people VALUES ${VALUES}; ${view};`,
  );
  const lite = sqliteDriver().openDatabase(db.lite.file);
  lite.exec(`CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, name TEXT, badge TEXT); INSERT INTO people VALUES ${VALUES}; ${view};`);
  lite.close();
  server = await startServer({ database: { sources: threeSources(db), maskColumns: ['people.email', '*.badge'] } }, { args: ['--audit-log', auditFile] });
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
  rmSync(auditDir, { recursive: true, force: true });
});

const SOURCES = ['pg', 'my', 'lite'] as const;

async function rows(source: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const result = await server.call('db_query', { source, sql });
  expect(result.isError, `${source}: ${sql} answered ${result.text}`).toBeFalsy();
  expect(result.text).not.toMatch(SECRET);
  expect(JSON.stringify(result.structured)).not.toMatch(SECRET);
  const output = result.structured as { columns: Array<{ name: string }>; rows: unknown[][] };
  return output.rows.map((row) => Object.fromEntries(output.columns.map((column, index) => [column.name, row[index]])));
}

async function refused(source: string, sql: string): Promise<string> {
  const result = await server.call('db_query', { source, sql });
  expect(result.isError, `${source}: ${sql} answered ${result.text}`).toBe(true);
  expect(result.text).toMatch(/database\.maskColumns/);
  expect(result.text).not.toMatch(SECRET);
  return result.text;
}

describe.each(SOURCES)('%s: masked whatever the query calls it', (source) => {
  it('a plain reference keeps what the PII mask keeps; other columns are untouched', async () => {
    expect(await rows(source, 'SELECT id, email, name FROM people ORDER BY id')).toEqual([
      { id: 1, email: 'a***@lovelace.dev', name: 'Ada' },
      { id: 2, email: 'g***@hopper.dev', name: 'Grace' },
    ]);
  });

  it('through an alias, SELECT * and t.*', async () => {
    expect(await rows(source, 'SELECT p.email AS e, badge AS b FROM people p ORDER BY p.id')).toEqual([
      { e: 'a***@lovelace.dev', b: 'X***' },
      { e: 'g***@hopper.dev', b: 'Z***' },
    ]);
    for (const sql of ['SELECT * FROM people ORDER BY id', 'SELECT p.* FROM people p ORDER BY id']) {
      const [first] = await rows(source, sql);
      expect(first).toEqual({ id: 1, email: 'a***@lovelace.dev', name: 'Ada', badge: 'X***' });
    }
  });

  it('expressions over it are masked whole', async () => {
    const concat = source === 'my' ? "CONCAT(email, '')" : "email || ''";
    const [first] = await rows(source, `SELECT lower(email) AS l, ${concat} AS c, substr(email, 2, 3) AS s, upper(name) AS n FROM people ORDER BY id`);
    expect(first).toEqual({ l: '***', c: '***', s: '***', n: 'ADA' });
    const [count] = await rows(source, 'SELECT count(email) AS n, max(badge) AS m FROM people');
    expect(count).toEqual({ n: '***', m: '***' });
  });

  it('through subqueries and CTEs', async () => {
    expect(await rows(source, 'SELECT x.e FROM (SELECT email AS e, id FROM people) x ORDER BY x.id')).toEqual([
      { e: 'a***@lovelace.dev' },
      { e: 'g***@hopper.dev' },
    ]);
    expect(await rows(source, 'WITH c AS (SELECT id, lower(email) AS le FROM people) SELECT * FROM c ORDER BY id')).toEqual([
      { id: 1, le: '***' },
      { id: 2, le: '***' },
    ]);
    const [scalar] = await rows(source, 'SELECT (SELECT email FROM people WHERE id = 1) AS e');
    expect(scalar).toEqual({ e: '***' });
  });

  it.each([
    ['a WHERE on it', "SELECT id FROM people WHERE email = 'someone@example.com'"],
    ['a WHERE on its alias from a subquery', "SELECT id FROM (SELECT id, email AS e FROM people) s WHERE s.e LIKE 'a%'"],
    ['a WHERE on a CTE column renaming it', "WITH c AS (SELECT id, email AS x FROM people) SELECT id FROM c WHERE x > 'b'"],
    ['ORDER BY it', 'SELECT id FROM people ORDER BY email'],
    ['ORDER BY its position', 'SELECT id, email FROM people ORDER BY 2'],
    ['GROUP BY it', 'SELECT count(*) AS n FROM people GROUP BY badge'],
    ['a JOIN condition', 'SELECT a.id FROM people a JOIN people b ON a.email = b.email'],
    ['IN (subquery)', "SELECT id FROM people WHERE 'x' IN (SELECT email FROM people)"],
    ['a set operation comparing it', "SELECT email FROM people INTERSECT SELECT 'someone@example.com'"],
  ])('refuses %s', async (_what, sql) => {
    expect(await refused(source, sql)).toMatch(/masked/);
  });

  it('refuses a view over a table with masked columns: masking follows names, and a view renames them', async () => {
    expect(await refused(source, 'SELECT address FROM contacts')).toMatch(/contacts|through a view/);
  });

  it('leaves statements on other tables alone', async () => {
    const result = await server.call('db_query', { source, sql: 'SELECT id, name FROM customers WHERE name = $1 ORDER BY id'.replace('$1', "'customer 1'") });
    expect(result.isError).toBeFalsy();
    expect(result.text).toContain('customer 1');
  });
});

describe('masking leaves no trace', () => {
  it('PostgreSQL: a whole row is masked whole, and an error quoting a value is withheld', async () => {
    const [row] = await rows('pg', 'SELECT p FROM people p WHERE id = 1');
    expect(row).toEqual({ p: '***' });
    const text = (await server.call('db_query', { source: 'pg', sql: 'SELECT email::int AS n FROM people' })).text;
    expect(text).toMatch(/withheld/);
    expect(text).not.toMatch(SECRET);
  });

  it.each(SOURCES)('%s: db_explain refuses a plan for a condition on a masked column', async (source) => {
    const result = await server.call('db_explain', { source, sql: "SELECT id FROM people WHERE email LIKE 'a%'" });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/database\.maskColumns/);
    const plain = await server.call('db_explain', { source, sql: 'SELECT id, email FROM people WHERE id = 1' });
    expect(plain.isError, plain.text).toBeFalsy();
  });

  it('PostgreSQL: a table named where the outline does not look (TABLESAMPLE) is still masked', async () => {
    expect(await rows('pg', 'SELECT email FROM people TABLESAMPLE SYSTEM (100) ORDER BY id')).toEqual([
      { email: 'a***@lovelace.dev' },
      { email: 'g***@hopper.dev' },
    ]);
  });

  it('PostgreSQL: a function whose body reads a masked column is refused', async () => {
    expect(await refused('pg', 'SELECT first_email() AS e')).toMatch(/first_email/);
  });

  it('the audit log holds no masked value', () => {
    const log = readFileSync(auditFile, 'utf8');
    expect(log).toContain('db_query');
    expect(log).not.toMatch(SECRET);
  });
});

describe('configuration', () => {
  const run = promisify(execFile);
  const start = async (database: object) => {
    const file = join(auditDir, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ database: { dsn: db.lite.dsn, ...database } }));
    return run(process.execPath, [binPath(packageDir), '--config', file], { env: { PATH: process.env.PATH ?? '' }, timeout: 20_000 }).catch(
      (error: { code: number; stderr: string }) => error,
    );
  };

  it('a misspelled key next to maskColumns stops the server (exit 2) naming it, as for every key', async () => {
    const typo = (await start({ maskColums: ['people.email'] })) as { code: number; stderr: string };
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/maskColums/);
  });

  it('a pattern that is not a column stops the server naming the entry', async () => {
    const bad = (await start({ maskColumns: ['people.email', 'people'] })) as { code: number; stderr: string };
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/database\.maskColumns\[1\].*"people" is not a column pattern/);
  });

  it('db_execute refuses a write that copies or returns a masked column', async () => {
    const writable = await startServer({ database: { readOnly: false, sources: [{ id: 'lite', dsn: db.lite.dsn }], maskColumns: ['people.email'] } });
    try {
      const copy = await writable.call('db_execute', { source: 'lite', sql: 'UPDATE people SET name = email WHERE id = 1' });
      expect(copy.isError).toBe(true);
      expect(copy.text).toMatch(/database\.maskColumns/);
      const returning = await writable.call('db_execute', { source: 'lite', sql: "UPDATE people SET name = 'x' WHERE id = 2 RETURNING *" });
      expect(returning.text).toMatch(/RETURNING/);
      const plain = await writable.call('db_execute', { source: 'lite', sql: "UPDATE people SET name = 'Grace' WHERE id = 2" });
      expect(plain.isError, plain.text).toBeFalsy();
    } finally {
      await writable.close();
    }
  });
});

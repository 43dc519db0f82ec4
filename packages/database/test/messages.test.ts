import { execFile, fork } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { binPath, connectServer } from '@toolbridge/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { fromDriverError } from '../src/engine/errors.js';
import { packageDir, startServer } from './support/server.js';
import { POSTGRES_URL, type SqliteFixture, sqliteFixture } from './support/services.js';

// What a user reads when something is misconfigured or missing: where, what, and how to fix it, never
// "a bug in the server", never a password, and examples that are not mangled by the redaction.
const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'tb-db-messages-'));
const lite: SqliteFixture = sqliteFixture();
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  lite.drop();
});

const withUrl = (change: (url: URL) => void) => {
  const url = new URL(POSTGRES_URL);
  url.password = 'Sw0rdfish-not-shown';
  change(url);
  return url.toString();
};

describe('PostgreSQL start-up failures name the host and database, never the password', () => {
  it.each([
    [
      'a missing database',
      withUrl((url) => {
        url.pathname = '/no_such_database_here';
      }),
      /database "no_such_database_here" does not exist/,
    ],
    [
      'an unknown role',
      withUrl((url) => {
        url.username = 'no_such_role_here';
      }),
      /role "no_such_role_here" does not exist|authentication failed/,
    ],
    [
      'a refused connection',
      withUrl((url) => {
        url.port = '1';
      }),
      /ECONNREFUSED/,
    ],
    [
      'a missing sslrootcert (the README example)',
      withUrl((url) => {
        url.searchParams.set('sslmode', 'verify-full');
        url.searchParams.set('sslrootcert', join(scratch, 'no-ca.pem'));
      }),
      /no-ca\.pem/,
    ],
  ])('%s', async (_what, dsn, reason) => {
    const server = await connectServer(packageDir, { env: { DATABASE_URL: dsn } });
    try {
      const failed = await server.call('db_list_tables', {});
      const output = `${failed.text}\n${server.stderr()}`;
      expect(failed.isError).toBe(true);
      expect(failed.text).toMatch(/cannot connect to postgres:\/\/127\.0\.0\.1:\d+\/\w+/);
      expect(failed.text).toMatch(reason);
      expect(server.stderr()).toMatch(/could not check the role's privileges \(the next statement tries again\): cannot connect to postgres:\/\/127\.0\.0\.1/);
      expect(output).not.toMatch(/internal error|likely a bug|Sw0rdfish/);
    } finally {
      await server.close();
    }
  });
});

describe('SQLite', () => {
  it('a missing file is reported at start and at each call, with its path', async () => {
    const missing = join(scratch, 'nowhere', 'app.db');
    const server = await connectServer(packageDir, { args: ['--dsn', `sqlite://${missing}`] });
    try {
      expect(server.stderr()).toContain(`the SQLite file ${missing} does not exist`);
      const failed = await server.call('db_query', { sql: 'SELECT 1' });
      expect(failed.text).toContain(`SQLite could not open the database file: cannot open ${missing}`);
      expect(failed.text).toContain('Check the path in the DSN');
      expect(failed.text).not.toMatch(/rejected the statement|internal error/);
    } finally {
      await server.close();
    }
  });

  /** The worker as shipped, alone in dir, on the better-sqlite3 path (Node 20's); its reply to one read. */
  async function readThroughBetterSqlite3(dir: string) {
    for (const file of ['sqlite-child.cjs', 'sqlite-driver.cjs']) cpSync(join(packageDir, 'runtime', file), join(dir, file));
    // Without NODE_PATH: pnpm's bin shims set it to the store, where a better-sqlite3 is always found.
    const env = { ...process.env, NODE_PATH: '' };
    const child = fork(join(dir, 'sqlite-child.cjs'), ['better-sqlite3'], { env, serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const reply = await new Promise<{ error: { message: string; code: string } }>((resolve) => {
      child.once('message', resolve);
      child.send({ id: 1, op: 'read', file: lite.file, sql: 'SELECT 1', params: [], maxRows: 1, maxBytes: 1_000, maxCell: 100 });
    });
    child.kill();
    return reply;
  }

  it.each([
    ['without its compiled module', true],
    ['not installed (an install that left optional dependencies out)', false],
  ])('better-sqlite3 %s is called a missing native module, not a SQL error', async (_case, present) => {
    const dir = join(scratch, present ? 'no-binding' : 'no-library');
    mkdirSync(dir, { recursive: true });
    if (present) {
      const require = createRequire(join(packageDir, 'package.json'));
      const library = dirname(require.resolve('better-sqlite3/package.json'));
      const modules = join(dir, 'node_modules');
      mkdirSync(join(modules, 'better-sqlite3'), { recursive: true });
      cpSync(join(library, 'package.json'), join(modules, 'better-sqlite3', 'package.json'));
      cpSync(join(library, 'lib'), join(modules, 'better-sqlite3', 'lib'), { recursive: true });
      cpSync(dirname(createRequire(require.resolve('better-sqlite3')).resolve('bindings/package.json')), join(modules, 'bindings'), { recursive: true });
    }
    const reply = await readThroughBetterSqlite3(dir);
    expect(reply.error.code).toBe('SQLITE_BINDING');
    const error = fromDriverError(Object.assign(new Error(reply.error.message), { code: reply.error.code }), 'sqlite', 1_000);
    expect(error.message).toMatch(/^the SQLite driver is not installed correctly: better-sqlite3's native module could not be loaded/);
    expect((error as { hint?: string }).hint).toContain('npm rebuild better-sqlite3');
    expect((error as { hint?: string }).hint).toContain('Node.js 22.13 or later has SQLite built in');
  });
});

describe('hints fit the dialect', () => {
  it.each([
    ['lite', 'SHOW TABLES', 'SQLite has none'],
    ['lite', 'DESCRIBE customers', 'PRAGMA table_info'],
    ['pg', 'SHOW TABLES', "PostgreSQL's SHOW reads one setting"],
    ['pg', 'DESCRIBE customers', 'PostgreSQL has no DESCRIBE'],
    ['pg', 'SHOW COLUMNS FROM customers', 'PostgreSQL has no DESCRIBE or SHOW TABLES/COLUMNS'],
  ])('%s: %s', async (source, sql, hint) => {
    const server = await startServer({
      database: {
        sources: [
          { id: 'lite', dsn: lite.dsn },
          { id: 'pg', dsn: POSTGRES_URL },
        ],
      },
    });
    try {
      const refused = await server.call('db_query', { source, sql });
      expect(refused.isError).toBe(true);
      expect(refused.text).toContain(hint);
      expect(refused.text).not.toMatch(source === 'lite' ? /Use SELECT, SHOW/ : /Use SELECT, SHOW, DESCRIBE/);
    } finally {
      await server.close();
    }
  });
});

describe('configuration messages', () => {
  const start = (config: object) => {
    const file = join(scratch, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(config));
    return run(process.execPath, [binPath(packageDir), '--config', file], { env: { PATH: process.env.PATH ?? '' } }).catch(
      (error: { code: number; stderr: string }) => error,
    ) as Promise<{ code: number; stderr: string }>;
  };

  it('a DSN example in a hint is shown as written, not redacted', async () => {
    const bad = (await run(process.execPath, [binPath(packageDir), '--dsn', 'not a url'], { env: { PATH: process.env.PATH ?? '' } }).catch(
      (error: { code: number; stderr: string }) => error,
    )) as { code: number; stderr: string };
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('postgres://user@host:5432/db');
    expect(bad.stderr).toContain('sqlite:///abs/path.db');
    expect(bad.stderr).not.toContain('REDACTED');
  });

  it.each([
    [{ database: { dsn: 'sqlite::memory:', deniedTable: ['x'] } }, 'database.deniedTable', 'Did you mean "deniedTables"?'],
    [{ database: { sources: [{ id: 'a', dsn: 'sqlite::memory:', maxRow: 5 }] } }, 'maxRow', 'Did you mean "maxRows"?'],
    [{ database: { dsn: 'sqlite::memory:', readonly: false } }, 'database.readonly', 'Did you mean "readOnly"?'],
  ])('a misspelled key is an error naming the closest valid key (%j)', async (config, key, suggestion) => {
    const failed = await start(config);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain(key);
    expect(failed.stderr).toContain(suggestion);
  });
});

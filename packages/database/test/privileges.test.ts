import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectServer } from '@toolbridge/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Databases, openDatabases } from './support/databases.js';
import { packageDir, startServer } from './support/server.js';
import { POSTGRES_URL, uniqueName } from './support/services.js';

// Layer 5 and the README's least-privilege recipes, on real roles created for this run.
let db: Databases;
const pgReader = uniqueName('tb_reader');
const pgRisky = uniqueName('tb_risky');
const myReader = uniqueName('tb_reader');
const myRisky = uniqueName('tb_risky');
const pgReadRole = uniqueName('tb_read_role');
/** A database of its own: the dblink extension is created in it, away from the shared test database. */
const escapeDb = uniqueName('tb_escape');
const dropDir = mkdtempSync(join(tmpdir(), 'tb-escape-'));
chmodSync(dropDir, 0o777);

const withUser = (dsn: string, user: string) => {
  const url = new URL(dsn);
  url.username = user;
  url.password = '';
  return url.toString();
};

beforeAll(async () => {
  db = await openDatabases();
  // The README's PostgreSQL recipe (trust authentication here, so no password).
  await db.pg.admin.query(`CREATE ROLE ${pgReader} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT`);
  await db.pg.admin.query(`ALTER ROLE ${pgReader} SET default_transaction_read_only = on`);
  await db.pg.admin.query(`GRANT USAGE ON SCHEMA ${db.pg.schema} TO ${pgReader}`);
  await db.pg.admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${db.pg.schema} TO ${pgReader}`);
  await db.pg.admin.query(`REVOKE SELECT ON ${db.pg.schema}.secrets FROM ${pgReader}`);
  await db.pg.admin.query(`CREATE ROLE ${pgRisky} LOGIN`);
  await db.pg.admin.query(`GRANT pg_read_server_files, pg_signal_backend TO ${pgRisky}`);
  // The README's MySQL recipe.
  await db.my.admin.query(`CREATE USER '${myReader}'@'%'`);
  await db.my.admin.query(`GRANT SELECT, SHOW VIEW ON ${db.my.database}.* TO '${myReader}'@'%'`);
  await db.my.admin.query(`CREATE USER '${myRisky}'@'%'`);
  await db.my.admin.query(`GRANT FILE, PROCESS ON *.* TO '${myRisky}'@'%'`);
  await db.my.admin.query(`GRANT SELECT ON ${db.my.database}.* TO '${myRisky}'@'%'`);
  // The README's recipe for a named read role.
  await db.pg.admin.query(`CREATE ROLE ${pgReadRole} NOLOGIN`);
  await db.pg.admin.query(`GRANT pg_read_all_data TO ${pgReadRole}`);
  await db.pg.admin.query(`CREATE DATABASE ${escapeDb}`);
  const escapeAdmin = new pg.Client({ connectionString: escapeUrl() });
  await escapeAdmin.connect();
  try {
    await escapeAdmin.query(`
      CREATE EXTENSION dblink;
      CREATE TABLE victims (id int);
      INSERT INTO victims VALUES (1), (2);
      CREATE FUNCTION wipe() RETURNS text LANGUAGE sql AS $$ SELECT dblink_exec('dbname=${escapeDb} user=postgres host=127.0.0.1', 'DELETE FROM victims') $$;
      CREATE FUNCTION peek() RETURNS text LANGUAGE sql AS $$ SELECT pg_read_file('/etc/hostname') $$;
      CREATE FUNCTION run_program() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE format('COPY (SELECT 1) TO PROGRAM %L', 'touch ${join(dropDir, 'pwned')}'); END $$;
    `);
  } finally {
    await escapeAdmin.end();
  }
});

function escapeUrl(): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${escapeDb}`;
  return url.toString();
}

afterAll(async () => {
  for (const role of [pgReader, pgRisky]) {
    await db?.pg.admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
    await db?.pg.admin.query(`DROP ROLE IF EXISTS ${role}`);
  }
  for (const user of [myReader, myRisky]) await db?.my.admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
  await db?.pg.admin.query(`DROP DATABASE IF EXISTS ${escapeDb} WITH (FORCE)`);
  await db?.pg.admin.query(`DROP ROLE IF EXISTS ${pgReadRole}`);
  await db?.drop();
  rmSync(dropDir, { recursive: true, force: true });
});

const caches: string[] = [];
const freshCache = () => {
  caches.push(mkdtempSync(join(tmpdir(), 'tb-db-roles-')));
  return caches.at(-1)!;
};
afterAll(() => {
  for (const cache of caches) rmSync(cache, { recursive: true, force: true });
});

/** The bin on `dsn`, with a cache directory of its own unless given one (where the last role check is kept). */
async function started(dsn: string, cache = freshCache()) {
  const server = await connectServer(packageDir, { env: { DATABASE_URL: dsn, TOOLBRIDGE_CACHE_DIR: cache } });
  return { server, cache, instructions: server.client.getInstructions() ?? '' };
}

describe('privilege check at start', () => {
  it('a least-privilege PostgreSQL role starts quietly and can only read what it was granted', async () => {
    const { server, instructions } = await started(withUser(db.pg.dsn, pgReader));
    try {
      expect(instructions).not.toContain('Warning');
      const counted = await server.ok('db_query', { sql: 'SELECT count(*) FROM customers' });
      expect(counted.rows).toEqual([[40]]);
      expect(counted.role_notice).toBeUndefined();
      expect(server.stderr()).not.toContain('WARNING');
      const secret = await server.call('db_query', { sql: 'SELECT * FROM secrets' });
      expect(secret.text).toContain('permission denied');
    } finally {
      await server.close();
    }
  });

  it("a PostgreSQL role with file or signal privileges is called out on stderr, in the first result and in the next launches' instructions", async () => {
    const first = await started(withUser(db.pg.dsn, pgRisky));
    try {
      // Nothing is known before the first launch has checked the role: the check waits for the client, not the reverse.
      expect(first.instructions).not.toContain('pg_read_server_files');
      const result = await first.server.call('db_query', { sql: 'SELECT 1' });
      expect(result.text).toContain('member of pg_read_server_files: it can read any file on the database server');
      expect(result.structured?.role_notice).toContain('member of pg_signal_backend');
      expect(first.server.stderr()).toMatch(/WARNING: source default: role is a member of pg_read_server_files/);
      expect((await first.server.ok('db_query', { sql: 'SELECT 1' })).role_notice).toBeUndefined();
    } finally {
      await first.server.close();
    }
    const [memory] = readdirSync(first.cache).filter((name) => name.startsWith('database-roles'));
    expect(memory).toBe('database-roles.json');
    const file = join(first.cache, memory!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(pgRisky);
    const next = await started(withUser(db.pg.dsn, pgRisky), first.cache);
    try {
      expect(next.instructions).toContain('member of pg_read_server_files: it can read any file on the database server');
      expect(next.instructions).toContain('member of pg_signal_backend');
      // Told already: the results stay plain.
      expect((await next.server.ok('db_query', { sql: 'SELECT 1' })).role_notice).toBeUndefined();
      expect(next.server.stderr()).toMatch(/WARNING: source default: role is a member of pg_read_server_files/);
    } finally {
      await next.server.close();
    }
  });

  it('a least-privilege MySQL account starts quietly; FILE / PROCESS are called out', async () => {
    const quiet = await started(withUser(db.my.dsn, myReader));
    try {
      expect(quiet.instructions).not.toContain('Warning');
      const counted = await quiet.server.ok('db_query', { sql: 'SELECT COUNT(*) FROM customers' });
      expect(counted.rows).toEqual([[40]]);
      expect(counted.role_notice).toBeUndefined();
    } finally {
      await quiet.server.close();
    }
    const risky = await started(withUser(db.my.dsn, myRisky));
    try {
      const first = await risky.server.ok('db_query', { sql: 'SELECT 1' });
      expect(first.role_notice).toContain('account has FILE: it can read and write files on the database server');
      expect(first.role_notice).toContain('account has PROCESS');
      expect(risky.server.stderr()).toContain('WARNING: source default: account has FILE');
    } finally {
      await risky.server.close();
    }
  });
});

describe('least privilege under a superuser DSN (PostgreSQL)', () => {
  const victims = async () => {
    const client = new pg.Client({ connectionString: escapeUrl() });
    await client.connect();
    try {
      return Number((await client.query('SELECT count(*) AS n FROM victims')).rows[0].n);
    } finally {
      await client.end();
    }
  };

  it('reads run as pg_read_all_data, so functions that write, read files or run programs are refused by the server', async () => {
    const server = await startServer({ database: { dsn: escapeUrl() } });
    try {
      // The first statement, sent before the client ever lists tools (so before the idle work): it waits for the role check.
      const first = await server.ok('db_query', { sql: 'SELECT current_user' });
      expect(first.rows).toEqual([['pg_read_all_data']]);
      expect(first.role_notice).toMatch(/role "\w+" is a SUPERUSER/);
      expect(first.role_notice).toContain('queries run as the role pg_read_all_data');
      expect(server.stderr()).toMatch(/WARNING: source default: role "\w+" is a SUPERUSER.*Reads run as role pg_read_all_data/);
      for (const sql of ['SELECT wipe()', 'SELECT peek()', 'SELECT run_program()']) {
        const result = await server.call('db_query', { sql });
        expect(result.isError, `${sql}: ${result.text}`).toBe(true);
        expect(result.text).toMatch(/refused by database\.privileges/);
      }
      expect(await victims()).toBe(2);
      expect(existsSync(join(dropDir, 'pwned'))).toBe(false);
      expect((await server.call('db_query', { sql: 'SELECT count(*) FROM victims' })).structured?.rows).toEqual([[2]]);
    } finally {
      await server.close();
    }
  });

  it('database.readRole names the role reads run as; one the DSN cannot take is a clear error', async () => {
    const named = await startServer({ database: { dsn: escapeUrl(), readRole: pgReadRole } });
    try {
      const first = await named.ok('db_query', { sql: 'SELECT current_user' });
      expect(first.rows).toEqual([[pgReadRole]]);
      expect(first.role_notice).toContain(`queries run as the role ${pgReadRole}`);
    } finally {
      await named.close();
    }
    const missing = await startServer({ database: { dsn: escapeUrl(), readRole: 'no_such_role_here' } });
    try {
      const result = await missing.call('db_query', { sql: 'SELECT 1' });
      expect(result.isError).toBe(true);
      expect(result.text).toContain('database.readRole: the connected role cannot SET ROLE no_such_role_here');
    } finally {
      await missing.close();
    }
  });

  it('a least-privilege role reads as itself', async () => {
    const { server } = await started(withUser(db.pg.dsn, pgReader));
    try {
      const first = await server.ok('db_query', { sql: 'SELECT current_user' });
      expect(first.rows).toEqual([[pgReader]]);
      expect(first.role_notice).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

import { connectServer } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Databases, openDatabases } from './support/databases.js';
import { packageDir } from './support/server.js';
import { uniqueName } from './support/services.js';

// Layer 5 and the README's least-privilege recipes, on real roles created for this run.
let db: Databases;
const pgReader = uniqueName('tb_reader');
const pgRisky = uniqueName('tb_risky');
const myReader = uniqueName('tb_reader');
const myRisky = uniqueName('tb_risky');

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
});

afterAll(async () => {
  for (const role of [pgReader, pgRisky]) {
    await db?.pg.admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
    await db?.pg.admin.query(`DROP ROLE IF EXISTS ${role}`);
  }
  for (const user of [myReader, myRisky]) await db?.my.admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
  await db?.drop();
});

async function started(dsn: string) {
  const server = await connectServer(packageDir, { env: { DATABASE_URL: dsn } });
  return { server, instructions: server.client.getInstructions() ?? '' };
}

describe('privilege check at start', () => {
  it('a least-privilege PostgreSQL role starts quietly and can only read what it was granted', async () => {
    const { server, instructions } = await started(withUser(db.pg.dsn, pgReader));
    try {
      expect(instructions).not.toContain('Warning');
      expect(server.stderr()).not.toContain('WARNING');
      expect((await server.call('db_query', { sql: 'SELECT count(*) FROM customers' })).structured?.rows).toEqual([[40]]);
      const secret = await server.call('db_query', { sql: 'SELECT * FROM secrets' });
      expect(secret.text).toContain('permission denied');
    } finally {
      await server.close();
    }
  });

  it('a PostgreSQL role with file or signal privileges is called out on stderr and in the instructions', async () => {
    const { server, instructions } = await started(withUser(db.pg.dsn, pgRisky));
    try {
      expect(instructions).toContain('member of pg_read_server_files: it can read any file on the database server');
      expect(instructions).toContain('member of pg_signal_backend');
      expect(server.stderr()).toMatch(/WARNING: source default: role is a member of pg_read_server_files/);
    } finally {
      await server.close();
    }
  });

  it('a least-privilege MySQL account starts quietly; FILE / PROCESS are called out', async () => {
    const quiet = await started(withUser(db.my.dsn, myReader));
    try {
      expect(quiet.instructions).not.toContain('Warning');
      expect((await quiet.server.call('db_query', { sql: 'SELECT COUNT(*) FROM customers' })).structured?.rows).toEqual([[40]]);
    } finally {
      await quiet.server.close();
    }
    const risky = await started(withUser(db.my.dsn, myRisky));
    try {
      expect(risky.instructions).toContain('account has FILE: it can read and write files on the database server');
      expect(risky.instructions).toContain('account has PROCESS');
      expect(risky.server.stderr()).toContain('WARNING: source default: account has FILE');
    } finally {
      await risky.server.close();
    }
  });
});

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { MysqlFixture, PgFixture, SqliteFixture } from './services.js';

/** Advisory locks are cluster-wide: a suite running against another database of the same server (CI runs one per Node version) holds its own. */
export const THIS_DATABASE = '(SELECT oid FROM pg_database WHERE datname = current_database())';

/**
 * Everything an attack could have changed in PostgreSQL, read from a separate admin connection. Only
 * this run's objects and lock keys are looked at: other test files share the server.
 */
export async function postgresState(fixture: PgFixture): Promise<unknown> {
  const { rows } = await fixture.admin.query(
    `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM orders) AS orders, (SELECT sum(amount) FROM orders) AS amount,
       (SELECT count(*) FROM secrets) AS secrets, (SELECT last_value FROM orders_id_seq) AS sequence,
       (SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = $1) AS tables,
       (SELECT count(*) FROM pg_tables WHERE schemaname LIKE 'pg_temp%') AS temp_tables,
       (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid IN (1, 99, 4242) AND database = ${THIS_DATABASE}) AS advisory_locks`,
    [fixture.schema],
  );
  return rows[0];
}

export async function mysqlState(fixture: MysqlFixture): Promise<unknown> {
  const [rows] = await fixture.admin.query(
    `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM orders) AS orders, (SELECT sum(amount) FROM orders) AS amount,
       (SELECT count(*) FROM secrets) AS secrets,
       (SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()) AS tables,
       IS_USED_LOCK('tb_attack') AS user_lock,
       (SELECT count(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND DB = DATABASE() AND ID <> CONNECTION_ID()) AS running`,
  );
  return (rows as unknown[])[0];
}

export function sqliteState(fixture: SqliteFixture): unknown {
  return { digest: createHash('sha256').update(readFileSync(fixture.file)).digest('hex'), files: readdirSync(fixture.dir).sort() };
}

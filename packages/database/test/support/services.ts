import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { sqliteDriver } from '../../src/engine/sqlite-driver.js';
import { MYSQL_SEED, POSTGRES_SEED, SQLITE_SEED } from './seed.js';

/** The real services; a suite fails (never skips) when they are unreachable. */
export const POSTGRES_URL = process.env.TOOLBRIDGE_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = process.env.TOOLBRIDGE_TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test';

export const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;

const unreachable = (what: string, variable: string, error: unknown) =>
  new Error(`${what} is unreachable (${(error as Error).message}). Start it or point ${variable} at a running server; these tests never skip.`);

export interface PgFixture {
  schema: string;
  /** DSN whose search_path is the fixture schema. */
  dsn: string;
  admin: pg.Client;
  drop(): Promise<void>;
}

export async function pgFixture(): Promise<PgFixture> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect().catch((error: unknown) => {
    throw unreachable('PostgreSQL', 'TOOLBRIDGE_TEST_POSTGRES_URL', error);
  });
  const schema = uniqueName('tb');
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path = ${schema}`);
  await admin.query(POSTGRES_SEED).catch(async (error: unknown) => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    throw error;
  });
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    dsn: url.toString(),
    admin,
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

export interface MysqlFixture {
  database: string;
  dsn: string;
  admin: mysql.Connection;
  drop(): Promise<void>;
}

export async function mysqlFixture(): Promise<MysqlFixture> {
  const url = new URL(MYSQL_URL);
  const admin = await mysql
    .createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      multipleStatements: true,
    })
    .catch((error: unknown) => {
      throw unreachable('MySQL/MariaDB', 'TOOLBRIDGE_TEST_MYSQL_URL', error);
    });
  const database = uniqueName('tb');
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.query(`USE ${database}`);
  await admin.query(MYSQL_SEED).catch(async (error: unknown) => {
    await admin.query(`DROP DATABASE ${database}`);
    await admin.end();
    throw error;
  });
  url.pathname = `/${database}`;
  return {
    database,
    dsn: url.toString(),
    admin,
    drop: async () => {
      await admin.query(`DROP DATABASE ${database}`);
      await admin.end();
    },
  };
}

export interface SqliteFixture {
  dir: string;
  file: string;
  dsn: string;
  drop(): void;
}

export function sqliteFixture(): SqliteFixture {
  const dir = mkdtempSync(join(tmpdir(), 'tb-sqlite-'));
  const file = join(dir, 'shop.db');
  const db = sqliteDriver().openDatabase(file);
  db.exec(SQLITE_SEED);
  db.close();
  return { dir, file, dsn: `sqlite://${file}`, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

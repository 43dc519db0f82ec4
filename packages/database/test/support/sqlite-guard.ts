import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDriver } from '../../src/engine/drivers.js';
import { sqliteDriver } from '../../src/engine/sqlite-driver.js';
import type { Driver } from '../../src/engine/types.js';
import { checkReadOnlySql, type TablePolicy } from '../../src/guard/index.js';
import { admissionFor } from '../../src/policy/index.js';
import { analyzeWithSamples } from './planner-samples.js';
import { sourceConfig } from './server.js';

/** The tables the guard suites name, in SQLite, with a view, planner statistics and an FTS table. */
const SCHEMA = `
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT, note TEXT, data TEXT);
CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, data TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), product_id INTEGER, total REAL, region TEXT, created_at TEXT);
CREATE TABLE api_keys (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), key TEXT, secret TEXT);
CREATE INDEX api_keys_secret ON api_keys(secret);
CREATE VIEW user_keys AS SELECT u.name, k.secret FROM users u JOIN api_keys k ON k.user_id = u.id;
CREATE VIEW user_names AS SELECT name FROM users;
CREATE VIRTUAL TABLE notes USING fts5(body);
INSERT INTO users (name, email) VALUES ('ada', 'ada@example.com'), ('bob', 'bob@example.com');
INSERT INTO orders (user_id, total, region, created_at) VALUES (1, 10, 'eu', '2025-01-01'), (2, 20, 'us', '2025-01-02'), (1, 30, 'eu', '2025-01-03');
INSERT INTO api_keys (user_id, key, secret) VALUES (1, 'k1', 'sk-live-1111'), (2, 'k2', 'sk-live-2222');
INSERT INTO notes (body) VALUES ('hello');
`;

/** Reads through the guard, the table policy and the real SQLite worker, as db_query runs them. */
export interface SqliteGuard {
  read(sql: string, policy?: TablePolicy): Promise<{ kind: string; rows: unknown[][] }>;
  close(): Promise<void>;
}

export async function sqliteGuard(): Promise<SqliteGuard> {
  const dir = mkdtempSync(join(tmpdir(), 'tb-sqlite-guard-'));
  const file = join(dir, 'guard.db');
  const db = sqliteDriver().openDatabase(file);
  db.exec(SCHEMA);
  analyzeWithSamples(db);
  db.close();
  const driver: Driver = await createDriver(sourceConfig(`sqlite://${file}`));
  return {
    read: async (sql, policy = {}) => {
      const check = await checkReadOnlySql(sql, 'sqlite', policy);
      const admit = admissionFor('sqlite', check, policy);
      const result = await driver.read({ sql, params: [], maxRows: 100, timeoutMs: 5_000, admit });
      return { kind: check.kind, rows: result.rows };
    },
    close: async () => {
      await driver.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

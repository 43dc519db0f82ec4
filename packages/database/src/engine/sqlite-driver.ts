import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

/** The part of a SQLite connection used outside the worker: building a file from SQL. */
export interface SqliteConnection {
  exec(sql: string): unknown;
  prepare(sql: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown };
  /** Lifts defensive mode, for a test that writes what only SQLite itself writes. */
  unsafeMode(on?: boolean): unknown;
  close(): void;
}

export type SqliteDriverName = 'node:sqlite' | 'better-sqlite3';

interface SqliteDriverModule {
  openDatabase(file: string, options?: { readonly?: boolean; fileMustExist?: boolean }, driver?: SqliteDriverName): SqliteConnection;
  preferred: SqliteDriverName;
  available: SqliteDriverName[];
}

/**
 * runtime/sqlite-driver.cjs, the module the SQLite worker opens databases with (node:sqlite on Node >= 22.13,
 * else better-sqlite3), loaded from the package so the bundle and the worker share one copy.
 */
export function sqliteDriver(): SqliteDriverModule {
  return createRequire(import.meta.url)(join(packageRoot(), 'runtime', 'sqlite-driver.cjs')) as SqliteDriverModule;
}

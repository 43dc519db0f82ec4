import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir, sha256Hex } from '@toolbridge/core';
import { sqliteDriver } from './engine/sqlite-driver.js';
import { packageRoot } from './paths.js';

const demoSql = () => readFileSync(join(packageRoot(), 'sql', 'demo.sql'), 'utf8');

/** Where the demo database lives: a writable cache directory, named after the SQL so a new release rebuilds it. */
export function demoFile(env: NodeJS.ProcessEnv): string {
  const hash = sha256Hex(demoSql(), 12);
  return join(cacheDir(env), `demo-${hash}.db`);
}

/** Builds the demo database from sql/demo.sql on first run (written aside, then renamed into place). */
export async function ensureDemo(file: string): Promise<void> {
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  const db = sqliteDriver().openDatabase(partial);
  try {
    db.exec(demoSql());
  } finally {
    db.close();
  }
  if (existsSync(file)) rmSync(partial);
  else renameSync(partial, file);
}

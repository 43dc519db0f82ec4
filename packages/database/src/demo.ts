import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from './paths.js';

const demoSql = () => readFileSync(join(packageRoot(), 'sql', 'demo.sql'), 'utf8');

/** Where the demo database lives: a writable cache directory, named after the SQL so a new release rebuilds it. */
export function demoFile(env: NodeJS.ProcessEnv): string {
  const hash = createHash('sha256').update(demoSql()).digest('hex').slice(0, 12);
  return join(cacheDir(env), `demo-${hash}.db`);
}

function cacheDir(env: NodeJS.ProcessEnv): string {
  const candidates = [
    env.TOOLBRIDGE_CACHE_DIR,
    env.XDG_CACHE_HOME && join(env.XDG_CACHE_HOME, 'toolbridge'),
    join(homedir(), '.cache', 'toolbridge'),
    join(tmpdir(), `toolbridge-${process.getuid?.() ?? 'user'}`),
  ].filter((dir): dir is string => Boolean(dir));
  for (const dir of candidates) {
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
      return dir;
    } catch {
      // not writable here: try the next place
    }
  }
  throw new Error('no writable cache directory for the demo database; set TOOLBRIDGE_CACHE_DIR');
}

/** Builds the demo database from sql/demo.sql on first run (written aside, then renamed into place). */
export async function ensureDemo(file: string): Promise<void> {
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  const Database = (await import('better-sqlite3')).default;
  const partial = `${file}.${process.pid}.partial`;
  const db = new Database(partial);
  try {
    db.exec(demoSql());
  } finally {
    db.close();
  }
  if (existsSync(file)) rmSync(partial);
  else renameSync(partial, file);
}

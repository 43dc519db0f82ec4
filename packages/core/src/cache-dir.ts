import { accessSync, constants, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A writable directory for what a server keeps between launches: TOOLBRIDGE_CACHE_DIR, else
 * $XDG_CACHE_HOME/toolbridge, ~/.cache/toolbridge, or a per-user folder in the temp directory.
 */
export function cacheDir(env: NodeJS.ProcessEnv): string {
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
  throw new Error('no writable cache directory; set TOOLBRIDGE_CACHE_DIR');
}

/**
 * Writes a file of the cache directory whole or not at all (a process killed halfway leaves no torn
 * file), readable by the user alone. A failure (read-only or full disk) only costs what the cache saves:
 * false, never an error.
 */
export function writeCacheFile(file: string, data: string | NodeJS.ArrayBufferView): boolean {
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, file);
    return true;
  } catch {
    return false;
  }
}

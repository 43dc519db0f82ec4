import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ToolbridgeError } from '../errors.js';
import { sleep } from '../http/sleep.js';

const STALE_MS = 30_000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs `work` holding an exclusive lock shared by every process of the user (a file created with O_EXCL
 * holding the owner's pid). A lock whose owner died, or older than 30 s, is taken over. Used around every
 * read-modify-write of the store and every token refresh, so two servers refreshing at once do not
 * invalidate each other's tokens.
 */
export async function withLock<T>(path: string, work: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  // With the keychain as the store, the config folder may not exist yet.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(path)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() - started > timeoutMs) {
        throw new ToolbridgeError(`the credential store is locked by another process (${path})`, {
          hint: 'Retry in a moment; if no toolbridge process is running, delete the lock file.',
        });
      }
      await sleep(25 + Math.random() * 50);
    }
  }
  try {
    return await work();
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
}

function isStale(path: string): boolean {
  try {
    const pid = Number(readFileSync(path, 'utf8'));
    const age = Date.now() - statSync(path).mtimeMs;
    // A pid not written yet (an empty file) is a lock being taken right now, unless it is old.
    return age > STALE_MS || (Number.isInteger(pid) && pid > 0 && !alive(pid));
  } catch {
    return false;
  }
}

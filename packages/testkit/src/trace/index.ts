import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ImportTrace {
  /** Environment for the traced process (NODE_OPTIONS and where to write). */
  env: Record<string, string>;
  /** The module URLs the process resolved so far (ES modules, dynamic imports included). */
  modules(): string[];
}

/** Traces which modules a child process loads: pass `env` to it, read `modules()` after. */
export function importTrace(): ImportTrace {
  const file = join(mkdtempSync(join(tmpdir(), 'toolbridge-imports-')), 'modules.txt');
  const register = fileURLToPath(new URL('./register.js', import.meta.url));
  return {
    env: { NODE_OPTIONS: `--import ${register}`, TOOLBRIDGE_TEST_IMPORT_TRACE: file },
    modules: () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []),
  };
}

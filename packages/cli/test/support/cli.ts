import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(packageDir, 'dist', 'bin.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A project folder and a home folder of its own (user-scope files never touch the real home). */
export interface Sandbox {
  project: string;
  home: string;
  /** Writes a file (a relative path is under the project), creating its folders. */
  write(path: string, text: string): string;
  read(relativePath: string): string;
  /** Runs the built `toolbridge` there: only PATH, HOME and `env` in its environment; `input` on its stdin. */
  run(args: string[], env?: Record<string, string>, input?: string): Promise<CliRun>;
}

export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'toolbridge-cli-test-'));
  roots.push(root);
  const project = join(root, 'project');
  const home = join(root, 'home');
  mkdirSync(project, { recursive: true });
  mkdirSync(home, { recursive: true });
  return {
    project,
    home,
    write(relativePath, text) {
      const file = isAbsolute(relativePath) ? relativePath : join(project, relativePath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    read: (relativePath) => readFileSync(join(project, relativePath), 'utf8'),
    run: (args, env = {}, input) =>
      new Promise((resolve) => {
        const child = execFile(
          process.execPath,
          [bin, ...args],
          { cwd: project, env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...env }, timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
        child.stdin?.end(input ?? '');
      }),
  };
}

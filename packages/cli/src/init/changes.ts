import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { shellWord } from '../clients/claude-code.js';
import type { Io } from '../io.js';

/** A file init changes: its text before (undefined when new) and after. */
export interface FileChange {
  file: string;
  before: string | undefined;
  after: string;
}

/** Commands init runs instead of editing a file (Claude Code's user scope). */
export interface CommandChange {
  commands: string[][];
}

export type Mode = 'write' | 'print' | 'dry-run';

export async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes through a temporary file and a rename (a crash never leaves half a file), keeping the old file's mode. */
async function writeWhole(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const mode = await stat(file).then(
    (info) => info.mode & 0o777,
    () => undefined,
  );
  const temporary = `${file}.toolbridge-${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: mode ?? 0o644 });
  if (mode !== undefined) await chmod(temporary, mode);
  await rename(temporary, file);
}

/** Applies the changes as `mode` says; returns the lines to print. Nothing is written unless the text changes. */
export async function applyFileChanges(changes: readonly FileChange[], mode: Mode): Promise<string[]> {
  const lines: string[] = [];
  for (const change of changes) {
    if (change.before === change.after) {
      lines.push(`${change.file}: unchanged`);
      continue;
    }
    if (mode === 'print') {
      lines.push(`--- ${change.file}${change.before === undefined ? ' (new)' : ''}`, change.after.trimEnd(), '');
    } else if (mode === 'dry-run') {
      const { createTwoFilesPatch } = await import('diff');
      lines.push(createTwoFilesPatch(change.before === undefined ? '/dev/null' : change.file, change.file, change.before ?? '', change.after).trimEnd());
    } else {
      if (change.before !== undefined) await copyFile(change.file, `${change.file}.bak`);
      await writeWhole(change.file, change.after);
      lines.push(
        `${change.before === undefined ? 'created' : 'updated'} ${change.file}${change.before === undefined ? '' : ` (previous version in ${change.file}.bak)`}`,
      );
    }
  }
  return lines;
}

const onPath = async (command: string): Promise<boolean> =>
  promisify(execFile)(process.platform === 'win32' ? 'where' : 'which', [command]).then(
    () => true,
    () => false,
  );

/** Runs the commands when writing and their program is installed; otherwise prints them to run by hand. */
export async function applyCommands(change: CommandChange, mode: Mode, io: Io): Promise<string[]> {
  const printed = change.commands.map((argv) => argv.map(shellWord).join(' '));
  const program = change.commands[0]?.[0];
  if (mode !== 'write' || !program || !(await onPath(program))) {
    return [mode === 'write' ? `${program ?? 'The client'} is not on PATH: run these yourself:` : 'Would run:', ...printed.map((line) => `  ${line}`)];
  }
  const lines: string[] = [];
  for (const [index, argv] of change.commands.entries()) {
    const [command, ...args] = argv as [string, ...string[]];
    await promisify(execFile)(command, args, { cwd: io.place.cwd, env: io.place.env }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`\`${printed[index]}\` failed: ${(error.stderr || error.message).trim()}`);
    });
    lines.push(`ran ${printed[index]}`);
  }
  return lines;
}

import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Place } from './clients/index.js';

/** What a command reads and writes: the process's streams and where it runs. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Both ends are a terminal: prompts and spinners are welcome. */
  interactive: boolean;
  place: Place;
}

export function processIo(): Io {
  return {
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) && !process.env.CI,
    place: { cwd: process.cwd(), home: process.env.HOME ?? process.env.USERPROFILE ?? '', env: process.env, platform: process.platform },
  };
}

/** A mistake in how the command was called: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** parseArgs with strict options, its errors turned into a UsageError naming the command's help. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify .*$/s, '')}. Run \`toolbridge ${command} --help\` for its options.`);
  }
}

/** A comma-separated list flag checked against the names it may hold. */
export function listFlag<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !allowed.includes(name as T));
  if (unknown.length || !names.length)
    throw new UsageError(`--${flag}: ${unknown.length ? `unknown ${unknown.join(', ')}` : 'names nothing'}. Choose from: ${allowed.join(', ')}.`);
  return [...new Set(names)] as T[];
}

/** A one-of flag checked against its choices. */
export function choiceFlag<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`--${flag}: "${value}" is not one of ${allowed.join(', ')}.`);
  return value as T;
}

import { accessSync, constants, statSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './errors.js';
import type { UpstreamCall } from './http/call-scope.js';
import { maskPiiDeep } from './pii.js';
import { redact, redactDeep } from './redact.js';

export interface AuditRecord {
  time: string;
  server: string;
  tool: string;
  arguments: unknown;
  duration_ms: number;
  outcome: 'ok' | 'error';
  error?: string;
  upstream_calls: UpstreamCall[];
}

/** Appends one redacted JSON line per tool call. Writes are queued so lines never interleave. */
export class AuditLog {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly onError: (error: unknown) => void,
    private readonly options: { maskPii?: boolean } = {},
  ) {}

  write(record: AuditRecord): Promise<void> {
    const safe = redactDeep(record);
    const line = `${redact(JSON.stringify(this.options.maskPii ? maskPiiDeep(safe) : safe))}\n`;
    this.queue = this.queue.then(() => appendFile(this.file, line, { mode: 0o600 })).catch(this.onError);
    return this.queue;
  }
}

/** Refuses at start an audit file that could never be written, rather than losing every line of the trail. */
export function checkAuditFile(file: string): void {
  const path = resolve(file);
  const fail = (problem: string, hint: string) => {
    throw new ConfigError('audit.file', `${path} ${problem}`, { hint });
  };
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing?.isDirectory()) fail('is a directory', 'Give --audit-log (audit.file) a file path, e.g. <dir>/audit.jsonl.');
  const folder = statSync(dirname(path), { throwIfNoEntry: false });
  if (!folder?.isDirectory())
    fail(`cannot be created: the folder ${dirname(path)} does not exist`, 'Create the folder, or point --audit-log at an existing one.');
  try {
    accessSync(existing ? path : dirname(path), constants.W_OK);
  } catch {
    fail('is not writable', 'Fix its permissions, or point --audit-log elsewhere.');
  }
}

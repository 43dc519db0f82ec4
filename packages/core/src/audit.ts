import { appendFile } from 'node:fs/promises';
import type { UpstreamCall } from './http/call-scope.js';
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
  ) {}

  write(record: AuditRecord): Promise<void> {
    const line = `${redact(JSON.stringify(redactDeep(record)))}\n`;
    this.queue = this.queue.then(() => appendFile(this.file, line, { mode: 0o600 })).catch(this.onError);
    return this.queue;
  }
}

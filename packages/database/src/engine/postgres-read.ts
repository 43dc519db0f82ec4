import type { FieldDef, PoolClient } from 'pg';
import { corked, type ProtocolConnection, runStatements } from './postgres-pipeline.js';

/** pg's row decoder (what pg-cursor uses too): fields in, typed values out. */
export interface RowDecoder {
  addFields(fields: FieldDef[]): void;
  parseRow(values: unknown[]): unknown[];
}

export interface LimitedReadRequest {
  sql: string;
  values: readonly unknown[];
  limit: number;
  /** Our own statements run first (the transaction's opening). */
  before?: readonly string[];
  /** A statement described (parsed, not run) after `before`, ahead of the read: its columns come back as `description`. */
  describe?: string;
  /** Our own statements run after the read (the end of the transaction and the session reset). */
  after: readonly string[];
}

/**
 * Each of `before`, the description of `describe`, then Parse, Bind, Describe, Execute at most `limit`
 * rows of `sql`, each of `after`, Sync, written at once: one round trip for a result that is small by
 * construction (the caller knows `limit` rows fit the byte budget). A suspended portal ends with the
 * transaction. When a statement fails, the server skips the rest up to Sync: nothing of `after` ran.
 * pg hands a Submittable row descriptions and completions only, so the messages are told apart by their
 * order: one completion per statement of `before`, the description's columns (when asked), the read's.
 */
export class LimitedRead {
  readonly done: Promise<{ rows: unknown[][]; fields: FieldDef[] }>;
  /** `describe`'s columns, once the server sent them (also when a later step failed). */
  description: FieldDef[] | undefined;
  private settle!: { resolve(value: { rows: unknown[][]; fields: FieldDef[] }): void; reject(error: unknown): void };
  private readonly rows: unknown[][] = [];
  private fields: FieldDef[] | undefined;
  private failed = false;
  private completions = 0;

  constructor(
    private readonly request: LimitedReadRequest,
    private readonly decoder: RowDecoder,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(connection: ProtocolConnection): void {
    const { sql, values, limit, before = [], describe, after } = this.request;
    corked(connection, () => {
      runStatements(connection, before);
      if (describe !== undefined) {
        connection.parse({ text: describe, types: [] });
        connection.describe({ type: 'S', name: '' });
      }
      connection.parse({ text: sql, types: [] });
      connection.bind({ portal: '', values: [...values], valueMapper: toText });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '', rows: limit });
      runStatements(connection, after);
      connection.sync();
    });
  }

  /** The read's own completion is the one after those of `before`; later ones (and their rows) are `after`'s. */
  private get reading(): boolean {
    return this.completions === (this.request.before?.length ?? 0);
  }

  handleRowDescription(message: { fields: FieldDef[] }): void {
    if (!this.reading) return;
    if (this.request.describe !== undefined && !this.description) {
      this.description = message.fields;
      return;
    }
    this.fields = message.fields;
    this.decoder.addFields(message.fields);
  }

  handleDataRow(message: { fields: unknown[] }): void {
    // Rows before the read's own columns could only come from a statement that is not the one asked for.
    if (this.reading && this.fields) this.rows.push(this.decoder.parseRow(message.fields));
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.settle.resolve({ rows: this.rows, fields: this.fields ?? [] });
  }

  handleError(error: unknown): void {
    // pg hands the error over before the server's ReadyForQuery; the Sync was already sent.
    this.failed = true;
    this.settle.reject(error);
  }

  handleCommandComplete(): void {
    this.completions += 1;
  }

  handleEmptyQuery(): void {
    this.completions += 1;
  }

  handlePortalSuspended(): void {
    this.completions += 1;
  }
}

/** Parameters are JSON scalars (the tools' schema): sent as text, null as NULL, as pg itself would. */
const toText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** Reads at most `limit` rows of `sql`, with `before` and `after`, in one round trip (see LimitedRead). */
export function readLimited(client: PoolClient, request: LimitedReadRequest, decoder: RowDecoder): LimitedRead {
  const read = new LimitedRead(request, decoder);
  client.query(read as never);
  return read;
}

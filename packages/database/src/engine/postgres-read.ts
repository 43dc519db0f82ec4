import type { FieldDef, PoolClient } from 'pg';

/** pg's row decoder (what pg-cursor uses too): fields in, typed values out. */
export interface RowDecoder {
  addFields(fields: FieldDef[]): void;
  parseRow(values: unknown[]): unknown[];
}

/** The parts of pg's connection a Submittable talks to. */
interface ProtocolConnection {
  stream: { cork?(): void; uncork?(): void };
  parse(message: { text: string; types: number[] }): void;
  bind(message: { portal: string; values: unknown[]; valueMapper?: (value: unknown) => unknown }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(message: { portal: string; rows: number }): void;
  sync(): void;
}

/**
 * Parse, Bind, Describe, Execute at most `limit` rows, then each of `after` (our own statements: the end
 * of the transaction and the session reset), Sync, written at once: one round trip for a result that is
 * small by construction (the caller knows `limit` rows fit the byte budget). A suspended portal ends with
 * the transaction. When the statement fails, the server skips the rest up to Sync: nothing of `after` ran.
 */
class LimitedRead {
  readonly done: Promise<{ rows: unknown[][]; fields: FieldDef[] }>;
  private settle!: { resolve(value: { rows: unknown[][]; fields: FieldDef[] }): void; reject(error: unknown): void };
  private readonly rows: unknown[][] = [];
  private fields: FieldDef[] = [];
  private failed = false;
  /** The statement's own rows are in: rows after this come from `after` and are not ours. */
  private complete = false;

  constructor(
    private readonly text: string,
    private readonly values: readonly unknown[],
    private readonly limit: number,
    private readonly decoder: RowDecoder,
    private readonly after: readonly string[],
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(connection: ProtocolConnection): void {
    connection.stream.cork?.();
    try {
      connection.parse({ text: this.text, types: [] });
      connection.bind({ portal: '', values: [...this.values], valueMapper: toText });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '', rows: this.limit });
      for (const text of this.after) {
        connection.parse({ text, types: [] });
        connection.bind({ portal: '', values: [] });
        connection.execute({ portal: '', rows: 0 });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
  }

  handleRowDescription(message: { fields: FieldDef[] }): void {
    if (this.complete) return;
    this.fields = message.fields;
    this.decoder.addFields(message.fields);
  }

  handleDataRow(message: { fields: unknown[] }): void {
    if (!this.complete) this.rows.push(this.decoder.parseRow(message.fields));
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.settle.resolve({ rows: this.rows, fields: this.fields });
  }

  handleError(error: unknown): void {
    // pg hands the error over before the server's ReadyForQuery; the Sync was already sent.
    this.failed = true;
    this.settle.reject(error);
  }

  handleCommandComplete(): void {
    this.complete = true;
  }

  handleEmptyQuery(): void {
    this.complete = true;
  }

  handlePortalSuspended(): void {
    this.complete = true;
  }
}

/** Parameters are JSON scalars (the tools' schema): sent as text, null as NULL, as pg itself would. */
const toText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** Reads at most `limit` rows of `sql`, then runs `after`, in one round trip (see LimitedRead). */
export function readLimited(
  client: PoolClient,
  read: { sql: string; values: readonly unknown[]; limit: number; after: readonly string[] },
  decoder: RowDecoder,
): Promise<{ rows: unknown[][]; fields: FieldDef[] }> {
  const submittable = new LimitedRead(read.sql, read.values, read.limit, decoder, read.after);
  client.query(submittable as never);
  return submittable.done;
}

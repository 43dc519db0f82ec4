import type { FieldDef, PoolClient } from 'pg';

/** The parts of pg's connection a Submittable talks to (pg-cursor uses the same ones). */
interface ProtocolConnection {
  parse(message: { text: string; types: number[] }): void;
  describe(message: { type: 'S'; name: string }): void;
  sync(): void;
}

/**
 * Parse + Describe + Sync, through pg's Submittable interface (as pg-cursor uses it): the server parses
 * and analyses the statement and answers with its result columns, without planning or running it.
 * Resolves to undefined for a statement that returns no rows.
 */
class StatementDescription {
  private fields: FieldDef[] | undefined;
  readonly done: Promise<FieldDef[] | undefined>;
  private settle!: { resolve(fields: FieldDef[] | undefined): void; reject(error: unknown): void };

  constructor(private readonly text: string) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(connection: ProtocolConnection): void {
    connection.parse({ text: this.text, types: [] });
    connection.describe({ type: 'S', name: '' });
    connection.sync();
  }

  handleRowDescription(message: { fields: FieldDef[] }): void {
    this.fields = message.fields;
  }

  handleReadyForQuery(): void {
    this.settle.resolve(this.fields);
  }

  handleError(error: unknown): void {
    this.settle.reject(error);
  }

  handleDataRow(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}

/** The result columns a statement would return, from the server, without running it. */
export function describeStatement(client: PoolClient, sql: string): Promise<FieldDef[] | undefined> {
  const description = new StatementDescription(sql);
  client.query(description as never);
  return description.done;
}

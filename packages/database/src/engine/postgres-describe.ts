import type { FieldDef, PoolClient } from 'pg';
import { corked, type ProtocolConnection, runStatements } from './postgres-pipeline.js';

/**
 * Parse + Describe + Sync, through pg's Submittable interface (as pg-cursor uses it): the server parses
 * and analyses the statement and answers with its result columns, without planning or running it.
 * Resolves to undefined for a statement that returns no rows. `before`: our own statements (the
 * transaction's opening) run first in the same round trip; if one fails, the server skips the rest.
 */
class StatementDescription {
  private fields: FieldDef[] | undefined;
  readonly done: Promise<FieldDef[] | undefined>;
  private settle!: { resolve(fields: FieldDef[] | undefined): void; reject(error: unknown): void };

  constructor(
    private readonly text: string,
    private readonly before: readonly string[],
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(connection: ProtocolConnection): void {
    corked(connection, () => {
      runStatements(connection, this.before);
      connection.parse({ text: this.text, types: [] });
      connection.describe({ type: 'S', name: '' });
      connection.sync();
    });
  }

  /** Only the statement is described: the opening's portals are executed, never described. */
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
export function describeStatement(client: PoolClient, sql: string, before: readonly string[] = []): Promise<FieldDef[] | undefined> {
  const description = new StatementDescription(sql, before);
  client.query(description as never);
  return description.done;
}

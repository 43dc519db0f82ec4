import type { QueryFn } from '../catalog/types.js';
import type { Dialect } from '../guard/index.js';

export interface Column {
  name: string;
  type: string;
}

export interface ReadRequest {
  sql: string;
  params: readonly unknown[];
  /** Rows to return; one more is fetched to know whether there were more. */
  maxRows: number;
  /** ms; enforced by the server and cancelled there when it passes. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Overrides the source's maxCellChars (plans and catalog rows are read whole). */
  maxCellChars?: number;
  /** Narrows the source's maxResultBytes (e.g. to what the client is shown anyway). */
  maxResultBytes?: number;
  /**
   * Runs before the statement, on its connection and inside its transaction (where the engine has one):
   * resolves what the statement will read and refuses it by throwing.
   */
  admit?: ((session: EngineSession) => Promise<void>) | undefined;
}

/** What an admission check may ask the engine, on the connection the statement will use. */
export interface EngineSession {
  /** Our own catalog SQL (constant text, values bound as parameters). */
  query: QueryFn;
  /** SQLite: what SQLite compiled a statement to (run with the request's parameters). */
  program?(sql: string): Promise<SqliteProgram>;
}

export interface RoleReport {
  /** What the role can do beyond reading (superuser, file or program access...), in plain words. */
  warnings: string[];
  /** The role reads run as (SET LOCAL ROLE), when it is not the connected one. */
  readRole?: string;
}

/** A SQLite statement's bytecode, read back into what it opens and calls. */
export interface SqliteProgram {
  /** SQLite's own verdicts: the statement writes nothing / returns rows. */
  readonly: boolean;
  reader: boolean;
  /** B-trees opened: tables, indexes (`table` is the index's table) and the schema table itself. */
  opened: Array<{ schema: string; type: string; name: string; table: string }>;
  /** Virtual tables opened (json_each, pragma_table_info, FTS tables...). */
  virtual: string[];
  /** Functions called, aggregates and window functions included. */
  functions: string[];
  /** What could not be mapped back to a name. */
  unresolved: string[];
}

export interface QueryResult {
  columns: Column[];
  rows: unknown[][];
  row_count: number;
  truncated: boolean;
  /** Why rows are missing: the row limit or the byte budget. */
  truncated_by?: 'max_rows' | 'bytes';
  elapsed_ms: number;
}

export interface WriteResult {
  command: string;
  affected_rows: number;
  columns: Column[];
  rows: unknown[][];
  truncated: boolean;
  elapsed_ms: number;
}

/**
 * One database behind a pool. `read` is layers 2-5 and 7 on their own: it must stay safe even for SQL
 * the guard (layer 1) never saw.
 */
export interface Driver {
  readonly dialect: Dialect;
  read(request: ReadRequest): Promise<QueryResult>;
  /** Several catalog queries on one connection, in one read-only session (under the read role). */
  withSession<T>(timeoutMs: number, work: (session: EngineSession) => Promise<T>): Promise<T>;
  write(request: ReadRequest): Promise<WriteResult>;
  /** The connected role: what it can do beyond reading, and the least-privilege role reads run as, if any. */
  inspectRole(): Promise<RoleReport>;
  /** Gets ready for the first statement ahead of it (SQLite starts its worker); optional. */
  warmUp?(): void;
  close(): Promise<void>;
}

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
  write(request: ReadRequest): Promise<WriteResult>;
  /** Warnings about a role that can do more than read (superuser, file or program access...). */
  privilegeWarnings(): Promise<string[]>;
  /** Gets ready for the first statement ahead of it (SQLite starts its worker); optional. */
  warmUp?(): void;
  close(): Promise<void>;
}

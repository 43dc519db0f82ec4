export type { Dialect } from './dialect.js';
export type { TablePolicy } from './tables.js';

export interface ReadCheck {
  /** "select", "values" (PostgreSQL), "show", "describe" (MySQL), "explain", "pragma" (SQLite) */
  kind: string;
  /** Every table the statement reads, normalised ("schema.table" where a schema was named). */
  tables: string[];
}

/** What the guard may know about the connection it checks for. */
export interface GuardOptions {
  /**
   * MySQL/MariaDB: the session's sql_mode (SELECT @@SESSION.sql_mode). Unknown, a string with a backslash
   * before a quote is refused because NO_BACKSLASH_ESCAPES / ANSI_QUOTES change where it ends; known, only
   * text that this server and the checker's parser read differently is refused.
   */
  sqlMode?: string;
}

export interface WriteCheck {
  kind: 'ddl' | 'dml' | 'read' | 'other';
  /** DDL, or DELETE/UPDATE without WHERE: needs the user's confirmation. */
  needsConfirmation: boolean;
  /** Why it needs confirmation, for the question asked to the user. */
  reason?: string;
  tables: string[];
}

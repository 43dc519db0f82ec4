export type { Dialect } from './dialect.js';
export type { TablePolicy } from './tables.js';

export interface ReadCheck {
  /** e.g. "select", "show", "explain", "pragma", "values" */
  kind: string;
  /** Every table the statement reads, normalised ("schema.table" where a schema was named). */
  tables: string[];
}

export interface WriteCheck {
  kind: 'ddl' | 'dml' | 'read' | 'other';
  /** DDL, or DELETE/UPDATE without WHERE: needs the user's confirmation. */
  needsConfirmation: boolean;
  /** Why it needs confirmation, for the question asked to the user. */
  reason?: string;
  tables: string[];
}

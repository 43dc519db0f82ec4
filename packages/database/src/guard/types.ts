import type { TableRef } from '../policy/tables.js';
import type { SqliteRead } from './sqlite/check.js';

export type { TablePolicy } from '../policy/tables.js';
export type { Dialect } from './dialect.js';

/** What a statement names, as written: the engine's catalogs resolve these when a table policy is set. */
export interface NamedObjects {
  relations: readonly TableRef[];
  functions: readonly TableRef[];
  operators: readonly TableRef[];
}

export interface ReadCheck {
  /** "select", "values" (PostgreSQL), "show", "describe" (MySQL), "explain", "pragma" (SQLite) */
  kind: string;
  /** Every table the statement names, normalised ("schema.table" where a schema was named). */
  tables: string[];
  named: NamedObjects;
  /** SQLite: what to ask SQLite's compiler, which decides what the statement opens and calls. */
  sqlite?: SqliteRead;
}

export interface WriteCheck {
  kind: 'ddl' | 'dml' | 'read' | 'other';
  /** DDL, or DELETE/UPDATE without WHERE: needs the user's confirmation. */
  needsConfirmation: boolean;
  /** Why it needs confirmation, for the question asked to the user. */
  reason?: string;
  tables: string[];
}

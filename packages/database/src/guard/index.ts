import { PolicyError } from '@toolbridge/core';

/**
 * Layer 1 of read-only: every statement is parsed with a real dialect parser and walked whole.
 * (Interface fixed; the implementation replaces this stub.)
 */
export type Dialect = 'postgres' | 'mysql' | 'sqlite';

export interface TablePolicy {
  /** When set, only these tables may be read ("name" or "schema.name", case-insensitive). */
  allowedTables?: readonly string[];
  deniedTables?: readonly string[];
}

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

/** Throws PolicyError naming the rule when `sql` is not exactly one safe read statement. */
export async function checkReadOnlySql(sql: string, dialect: Dialect, policy: TablePolicy): Promise<ReadCheck> {
  void sql;
  void dialect;
  void policy;
  throw new PolicyError('read-only.parse', 'the SQL guard is not implemented yet');
}

/** Parses one write statement for db_execute (exactly one statement; table policy applies). */
export async function checkWriteSql(sql: string, dialect: Dialect, policy: TablePolicy): Promise<WriteCheck> {
  void sql;
  void dialect;
  void policy;
  throw new PolicyError('write.parse', 'the SQL guard is not implemented yet');
}

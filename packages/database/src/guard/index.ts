import { PolicyError } from '@toolbridge/core';
import type { TablePolicy } from '../policy/tables.js';
import type { Dialect } from './dialect.js';
import { checkMysqlRead, checkNspWrite } from './node-sql-parser/check.js';
import { checkPgRead, checkPgWrite } from './postgres/check.js';
import { type Mode, refuseAs } from './rules.js';
import { checkSqliteRead } from './sqlite/check.js';
import type { ReadCheck, WriteCheck } from './types.js';

export { type TablePolicy, type TablePolicyRefusal, type TableRef, tablePolicyRefusal } from '../policy/tables.js';
/**
 * Layer 1 of read-only: every statement is parsed with a real dialect parser (PostgreSQL's own via
 * libpg-query; node-sql-parser for MySQL/MariaDB behind a lexer that follows the server's rules) and the
 * whole tree is walked; SQLite reads are compiled by SQLite itself (policy/sqlite.ts). Anything that cannot
 * be parsed or classified is refused.
 */
export type { Dialect } from './dialect.js';
export { deniedFunctionList, isDeniedFunction } from './functions.js';
export { loadPgParser } from './postgres/parser.js';
export { type Check, type Mode, RULE_IDS, ruleId } from './rules.js';
export type { NamedObjects, ReadCheck, WriteCheck } from './types.js';

/** Checking a 100,000-character statement takes 0.2-0.4 s of CPU; longer text is refused rather than parsed. */
export const MAX_SQL_LENGTH = 100_000;

/** Size and NUL checks, and any failure of the parsers or the walk (e.g. a tree too deep) becomes a refusal. */
async function guarded<T>(sql: string, mode: Mode, check: () => Promise<T>): Promise<T> {
  if (sql.length > MAX_SQL_LENGTH) {
    refuseAs(
      mode,
      'size',
      `the statement is ${sql.length} characters long; the limit is ${MAX_SQL_LENGTH}`,
      'Send a shorter statement (move long value lists into a table or parameters).',
    );
  }
  // C parsers (libpg-query, SQLite) stop at a NUL character: text after it would go unchecked.
  if (sql.includes('\u0000')) {
    refuseAs(mode, 'parse', 'the statement contains a NUL character', 'Remove the NUL character (\\0) from the text.');
  }
  try {
    return await check();
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    return refuseAs(mode, 'parse', `the statement could not be checked: ${detail.slice(0, 160)}`, 'Simplify the statement (less nesting) and retry.');
  }
}

/** Throws PolicyError naming the rule when `sql` is not exactly one safe read statement. */
/**
 * Throws PolicyError naming the rule when `sql` is not exactly one safe read statement. SQLite's answer
 * is provisional: what the statement opens and calls is decided by SQLite's compiler (policy/sqlite.ts).
 */
export async function checkReadOnlySql(sql: string, dialect: Dialect, policy: TablePolicy): Promise<ReadCheck> {
  return guarded(sql, 'read', async () => {
    switch (dialect) {
      case 'postgres':
        return checkPgRead(sql, policy);
      case 'mysql':
        return checkMysqlRead(sql, policy);
      case 'sqlite':
        return checkSqliteRead(sql, policy);
    }
  });
}

/** Parses one write statement for db_execute (exactly one statement; table policy applies). */
export async function checkWriteSql(sql: string, dialect: Dialect, policy: TablePolicy): Promise<WriteCheck> {
  return guarded(sql, 'write', () => (dialect === 'postgres' ? checkPgWrite(sql, policy) : checkNspWrite(sql, dialect, policy)));
}

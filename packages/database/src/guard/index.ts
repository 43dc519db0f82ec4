import type { Dialect } from './dialect.js';
import { checkNspRead, checkNspWrite } from './generic/check.js';
import { checkPgRead, checkPgWrite } from './postgres/check.js';
import type { TablePolicy } from './tables.js';
import type { GuardOptions, ReadCheck, WriteCheck } from './types.js';

/**
 * Layer 1 of read-only: every statement is parsed with a real dialect parser (PostgreSQL's own via
 * libpg-query; node-sql-parser for MySQL/MariaDB and SQLite behind a lexer that follows the server's rules)
 * and the whole tree is walked. Anything that cannot be parsed or classified is refused.
 */
export type { Dialect } from './dialect.js';
export { tablePolicyRefusal, type TablePolicy, type TablePolicyRefusal, type TableRef } from './tables.js';
export type { GuardOptions, ReadCheck, WriteCheck } from './types.js';
export { RULE_IDS, ruleId, type Check, type Mode } from './rules.js';
export { deniedFunctionList, isDeniedFunction } from './functions.js';
export { loadPgParser } from './postgres/parser.js';

/** Throws PolicyError naming the rule when `sql` is not exactly one safe read statement. */
export async function checkReadOnlySql(
  sql: string, dialect: Dialect, policy: TablePolicy, options: GuardOptions = {},
): Promise<ReadCheck> {
  return dialect === 'postgres' ? checkPgRead(sql, policy) : checkNspRead(sql, dialect, policy, options);
}

/** Parses one write statement for db_execute (exactly one statement; table policy applies). */
export async function checkWriteSql(
  sql: string, dialect: Dialect, policy: TablePolicy, options: GuardOptions = {},
): Promise<WriteCheck> {
  return dialect === 'postgres' ? checkPgWrite(sql, policy) : checkNspWrite(sql, dialect, policy, options);
}

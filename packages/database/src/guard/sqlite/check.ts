import type { TablePolicy } from '../../policy/tables.js';
import { enforceTablePolicy, tableLabels } from '../../policy/tables.js';
import { isDeniedFunction } from '../functions.js';
import { lex, type Token } from '../lexer.js';
import { refuseAs } from '../rules.js';
import type { ReadCheck } from '../types.js';
import { checkPragma, type PragmaCheck, unquoteIdentifier } from './pragma.js';

/** A `pragma_xxx(...)` table-valued function in the text, with its arguments when they are plain string literals. */
export interface PragmaCall {
  pragma: string;
  /** The object named by a literal first argument; undefined when it is anything else (or absent). */
  object?: string | undefined;
  schema?: string | undefined;
}

/** What the SQLite engine is asked about a read: its bytecode decides what it opens and calls. */
export interface SqliteRead {
  /** The statement to compile (an EXPLAIN [QUERY PLAN] prefix taken off); absent for a PRAGMA. */
  inspect?: string | undefined;
  pragma?: PragmaCheck | undefined;
  pragmaCalls: PragmaCall[];
  /** Every name written in the text (lower case, unquoted): a table opened but not written is read through a view. */
  written: string[];
}

const READ_STARTS = new Set(['select', 'with', 'values']);
const WRITE_STARTS = new Set([
  'insert',
  'update',
  'delete',
  'replace',
  'create',
  'drop',
  'alter',
  'attach',
  'detach',
  'vacuum',
  'reindex',
  'analyze',
  'begin',
  'commit',
  'end',
  'rollback',
  'savepoint',
  'release',
]);

/** `pragma_table_info('users')`-style calls, found in the tokens (strings, names and comments never match). */
function pragmaCalls(sql: string, tokens: readonly Token[]): PragmaCall[] {
  const words = tokens.filter((token) => token.kind !== 'comment');
  const text = (token: Token | undefined) => (token ? sql.slice(token.start, token.end) : '');
  const calls: PragmaCall[] = [];
  for (const [index, token] of words.entries()) {
    if (token.kind !== 'word' && token.kind !== 'identifier') continue;
    const name = unquoteIdentifier(text(token)).toLowerCase();
    if (!name.startsWith('pragma_')) continue;
    const pragma = name.slice('pragma_'.length);
    const [open, first, comma, second, close] = [1, 2, 3, 4, 5].map((offset) => words[index + offset]);
    const literal = text(open) === '(' && first?.kind === 'string';
    if (literal && text(comma) === ')') calls.push({ pragma, object: unquoteIdentifier(text(first)) });
    else if (literal && text(comma) === ',' && second?.kind === 'string' && text(close) === ')') {
      calls.push({ pragma, object: unquoteIdentifier(text(first)), schema: unquoteIdentifier(text(second)) });
    } else calls.push({ pragma });
  }
  return calls;
}

/** Deny-listed functions SQLite can also open as tables (`FROM sqlite_dbpage`). */
const TABLE_FUNCTIONS = new Set(['sqlite_dbpage', 'fsdir', 'zipfile', 'sqlar']);

/**
 * Calls of deny-listed functions, by name in the tokens: refused before SQLite compiles anything (the
 * compiled program is checked as well, views included). `WITH name(columns) AS (...)` is a CTE, not a call.
 */
function checkDeniedCalls(sql: string, code: readonly Token[]): void {
  const text = (token: Token | undefined) => (token ? sql.slice(token.start, token.end).toLowerCase() : '');
  code.forEach((token, index) => {
    if (token.kind !== 'word' && token.kind !== 'identifier') return;
    const name = unquoteIdentifier(sql.slice(token.start, token.end));
    const called = text(code[index + 1]) === '(';
    if (!(called && isDeniedFunction('sqlite', name)) && !TABLE_FUNCTIONS.has(name.toLowerCase())) return;
    if (called) {
      const close = code.findIndex((candidate, at) => at > index && text(candidate) === ')');
      if (text(code[close + 1]) === 'as' && ['(', 'materialized', 'not'].includes(text(code[close + 2]))) return;
    }
    refuseAs(
      'read',
      'function',
      `function ${name}() has side effects (files, programs, extensions or raw pages) and is not allowed`,
      `Remove ${name}() from the statement.`,
    );
  });
}

/**
 * SQLite reads, before SQLite compiles them: one statement, a read by its first word, PRAGMAs on the
 * read-only list. What the statement opens and calls is left to SQLite's own compiler (policy/sqlite.ts):
 * there is no second parser to disagree with it, so valid SQLite is never refused for a parser's sake.
 */
export function checkSqliteRead(sql: string, policy: TablePolicy): ReadCheck & { sqlite: SqliteRead } {
  const { tokens, problems } = lex(sql, 'sqlite', { backslashEscapes: false, ansiQuotes: false });
  const unterminated = problems.find((problem) => problem.kind === 'unterminated');
  if (unterminated?.kind === 'unterminated') {
    refuseAs('read', 'parse', `unterminated ${unterminated.what} starting at offset ${unterminated.at}`, 'Close the quote or comment.');
  }
  const code = tokens.filter((token) => token.kind !== 'comment');
  const semicolon = code.findIndex((token) => token.kind === 'semicolon');
  if (semicolon >= 0 && code.slice(semicolon).some((token) => token.kind !== 'semicolon')) {
    refuseAs('read', 'single-statement', 'more than one statement: only one statement may be run per call', 'Send each statement in its own call.');
  }
  checkDeniedCalls(sql, code);
  const word = (index: number) => (code[index]?.kind === 'word' ? sql.slice(code[index].start, code[index].end).toLowerCase() : '');
  const named = { relations: [], functions: [], operators: [] };
  if (word(0) === 'pragma') {
    const pragma = checkPragma(sql, 'read');
    enforceTablePolicy(pragma.tables, policy);
    return { kind: 'pragma', tables: tableLabels(pragma.tables), named, sqlite: { pragma, pragmaCalls: [], written: [] } };
  }
  let start = 0;
  if (word(0) === 'explain') start = word(1) === 'query' && word(2) === 'plan' ? 3 : 1;
  const first = word(start);
  if (first === 'show' || first === 'describe' || first === 'desc') {
    refuseAs(
      'read',
      'statement-kind',
      `${first.toUpperCase()} is MySQL syntax; SQLite has none`,
      'Use db_list_tables and db_describe_table, or PRAGMA table_info(name).',
    );
  }
  if (!READ_STARTS.has(first)) {
    const what = start > 0 ? `EXPLAIN of ${first.toUpperCase() || 'this statement'} is` : `${first.toUpperCase() || 'this statement'} is`;
    refuseAs(
      'read',
      'statement-kind',
      `${what} not allowed${WRITE_STARTS.has(first) || start > 0 ? '; this server is read-only' : ''}`,
      'Use SELECT, WITH ... SELECT, VALUES, EXPLAIN [QUERY PLAN] SELECT, or a read-only PRAGMA.',
    );
  }
  const inspect = sql.slice(code[start]!.start);
  // Strings too: SQLite reads FROM 'name' as a table name.
  const written = code
    .filter((token) => token.kind === 'word' || token.kind === 'identifier' || token.kind === 'string')
    .map((token) => unquoteIdentifier(sql.slice(token.start, token.end)).toLowerCase());
  return {
    kind: start > 0 ? 'explain' : first === 'values' ? 'values' : 'select',
    tables: [],
    named,
    sqlite: { inspect, pragmaCalls: pragmaCalls(sql, tokens), written: [...new Set(written)] },
  };
}

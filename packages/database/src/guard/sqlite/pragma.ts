import type { TableRef } from '../../policy/tables.js';
import { lex } from '../lexer.js';
import { type Mode, refuseAs } from '../rules.js';

export type PragmaShape = 'table' | 'index' | 'none' | 'optional-table';

/** PRAGMAs that only read, and what their argument names. Any "= value" form is a write. */
const READ_PRAGMAS: Record<string, PragmaShape> = {
  table_info: 'table',
  table_xinfo: 'table',
  index_list: 'table',
  foreign_key_list: 'table',
  index_info: 'index',
  index_xinfo: 'index',
  foreign_key_check: 'optional-table',
  table_list: 'optional-table',
  database_list: 'none',
  collation_list: 'none',
  function_list: 'none',
  module_list: 'none',
  pragma_list: 'none',
  compile_options: 'none',
  user_version: 'none',
  schema_version: 'none',
  application_id: 'none',
  page_count: 'none',
  page_size: 'none',
  freelist_count: 'none',
  encoding: 'none',
  journal_mode: 'none',
  foreign_keys: 'none',
  auto_vacuum: 'none',
  data_version: 'none',
  query_only: 'none',
};

export interface PragmaCheck {
  name: string;
  shape: PragmaShape;
  /** The table or index named in parentheses, if any. */
  argument?: string | undefined;
  schema?: string | undefined;
  tables: TableRef[];
}

/** What a read-only PRAGMA's argument names (undefined: not a read-only PRAGMA). */
export const pragmaShape = (name: string): PragmaShape | undefined => READ_PRAGMAS[name.toLowerCase()];

/** A name or string as SQLite reads it: "x", `x`, [x] or 'x'. */
export function unquoteIdentifier(token: string): string {
  const first = token[0];
  if (first === '"' || first === '`') return token.slice(1, -1).replaceAll(first + first, first);
  if (first === '[') return token.slice(1, -1);
  if (first === "'") return token.slice(1, -1).replaceAll("''", "'");
  return token;
}

/** node-sql-parser has no PRAGMA grammar; this parses SQLite's: PRAGMA [schema.]name [= value | (value)]. */
export function checkPragma(sql: string, mode: Mode): PragmaCheck {
  const tokens = lex(sql, 'sqlite', { backslashEscapes: false, ansiQuotes: false })
    .tokens.filter((token) => token.kind !== 'comment' && token.kind !== 'semicolon')
    .map((token) => sql.slice(token.start, token.end));
  const fail = (message: string): never =>
    refuseAs(mode, 'pragma', message, `Only these PRAGMAs may be read: ${Object.keys(READ_PRAGMAS).join(', ')} (without "=").`);
  let at = 1;
  let schema: string | undefined;
  let name = tokens[at++];
  if (tokens[at] === '.') {
    schema = name;
    name = tokens[at + 1];
    at += 2;
  }
  if (name === undefined) return fail('PRAGMA without a name');
  const pragma = unquoteIdentifier(name).toLowerCase();
  const shape = READ_PRAGMAS[pragma];
  if (!shape) return fail(`PRAGMA ${pragma} is not a read-only PRAGMA`);
  let argument: string | undefined;
  if (tokens[at] === '=') return fail(`PRAGMA ${pragma} = ... changes a setting`);
  if (tokens[at] === '(' && tokens[at + 2] === ')') {
    argument = unquoteIdentifier(tokens[at + 1] as string);
    at += 3;
  }
  if (at !== tokens.length) return fail(`unexpected text after PRAGMA ${pragma}`);
  if (argument !== undefined && shape === 'none') return fail(`PRAGMA ${pragma}(...) changes a setting`);
  if (argument === undefined && (shape === 'table' || shape === 'index')) return fail(`PRAGMA ${pragma} needs a ${shape} name`);
  const unquotedSchema = schema === undefined ? undefined : unquoteIdentifier(schema);
  const tables: TableRef[] = [];
  if (argument !== undefined && (shape === 'table' || shape === 'optional-table')) {
    tables.push(unquotedSchema ? { schema: unquotedSchema, name: argument } : { name: argument });
  }
  return { name: pragma, shape, argument, schema: unquotedSchema, tables };
}

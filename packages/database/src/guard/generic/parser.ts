import mysqlGrammar from 'node-sql-parser/build/mysql.js';
import sqliteGrammar from 'node-sql-parser/build/sqlite.js';
import type { AST, Parser } from 'node-sql-parser';

export type NspDialect = 'mysql' | 'sqlite';

/** One node of node-sql-parser's AST, walked generically. */
export type NspNode = Record<string, unknown>;

const parsers = new Map<NspDialect, Parser>();

function parserFor(dialect: NspDialect): Parser {
  let parser = parsers.get(dialect);
  if (!parser) {
    // Only the two grammars we use are bundled (the all-dialect entry point is ten times larger).
    parser = dialect === 'mysql' ? new mysqlGrammar.Parser() : new sqliteGrammar.Parser();
    parsers.set(dialect, parser);
  }
  return parser;
}

export interface NspParse {
  statements: NspNode[];
  /** node-sql-parser's own table list ("type::db::table"), used as a safety net for the walk. */
  tableList: string[];
}

/** Throws node-sql-parser's error when the text is not in the grammar. */
export function parseNsp(sql: string, dialect: NspDialect): NspParse {
  const result = parserFor(dialect).parse(sql, { database: dialect === 'mysql' ? 'MySQL' : 'Sqlite' });
  const ast: AST | AST[] = result.ast;
  const statements = (Array.isArray(ast) ? ast : [ast]) as unknown as NspNode[];
  return { statements, tableList: result.tableList };
}

import type { AST, Parser } from 'node-sql-parser';

export type NspDialect = 'mysql' | 'sqlite';

/** One node of node-sql-parser's AST, walked generically. */
export type NspNode = Record<string, unknown>;

const parsers = new Map<NspDialect, Promise<Parser>>();

/**
 * Only the two grammars we use are bundled (the all-dialect entry point is ten times larger), and each is
 * loaded on first use: evaluating one costs 20-30 ms of start-up that PostgreSQL users should not pay.
 */
function parserFor(dialect: NspDialect): Promise<Parser> {
  let parser = parsers.get(dialect);
  if (!parser) {
    parser =
      dialect === 'mysql'
        ? import('node-sql-parser/build/mysql.js').then((grammar) => new grammar.default.Parser())
        : import('node-sql-parser/build/sqlite.js').then((grammar) => new grammar.default.Parser());
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
export async function parseNsp(sql: string, dialect: NspDialect): Promise<NspParse> {
  const result = (await parserFor(dialect)).parse(sql, { database: dialect === 'mysql' ? 'MySQL' : 'Sqlite' });
  const ast: AST | AST[] = result.ast;
  const statements = (Array.isArray(ast) ? ast : [ast]) as unknown as NspNode[];
  return { statements, tableList: result.tableList };
}

import { lex } from '../lexer.js';
import { refuseAs } from '../rules.js';

const EXPLAINABLE = new Set(['select', 'with', 'table', 'values', 'insert', 'update', 'delete', 'replace', '(']);

export interface ExplainPrefix {
  /** Offset where the explained statement starts. */
  innerStart: number;
}

/**
 * node-sql-parser does not know MySQL's EXPLAIN FORMAT=... / EXTENDED / PARTITIONS: a fixed prefix before an
 * ordinary statement, which is then checked on its own. Returns undefined when the text is not an EXPLAIN of
 * a statement (DESCRIBE t, EXPLAIN t are left to the parser).
 */
export function explainPrefix(sql: string): ExplainPrefix | undefined {
  const tokens = lex(sql, 'mysql', { backslashEscapes: false, ansiQuotes: false }).tokens.filter((token) => token.kind !== 'comment');
  const word = (index: number): string => {
    const token = tokens[index];
    return token ? sql.slice(token.start, token.end).toLowerCase() : '';
  };
  if (!['explain', 'describe', 'desc'].includes(word(0))) return undefined;
  let at = 1;
  if (word(at) === 'analyze') {
    refuseAs('read', 'explain-analyze', 'EXPLAIN ANALYZE runs the statement', 'Use EXPLAIN without ANALYZE (the plan is estimated, nothing runs).');
  }
  if (word(at) === 'format' && word(at + 1) === '=') at += 3;
  else if (word(at) === 'extended' || word(at) === 'partitions') at += 1;
  const inner = tokens[at];
  if (!inner || !EXPLAINABLE.has(word(at))) return undefined;
  return { innerStart: inner.start };
}

import type { Token } from '../lexer.js';

const PARTITION = 'PARTITION BY 1 ';

/**
 * node-sql-parser's SQLite grammar wants PARTITION BY in every window; SQLite does not
 * (`rank() OVER (ORDER BY x)`). The checker reads such a window as `OVER (PARTITION BY 1 ORDER BY x)`:
 * one constant partition adds no table, function or statement, so what the checker approves is what
 * runs. The windows are found in the lexer's tokens: strings, quoted names and comments are never touched.
 */
export interface CheckerText {
  text: string;
  /** An offset in `text` as an offset in the SQL as written. */
  toWritten(offset: number): number;
}

export function withExplicitPartitions(sql: string, lexed: readonly Token[]): CheckerText {
  const tokens = lexed.filter((token) => token.kind !== 'comment');
  const word = (token: Token | undefined, text: string) => token?.kind === 'word' && sql.slice(token.start, token.end).toLowerCase() === text;
  const at: number[] = [];
  tokens.forEach((token, index) => {
    const open = tokens[index + 1];
    const next = tokens[index + 2];
    if (word(token, 'over') && open?.kind === 'symbol' && sql[open.start] === '(' && word(next, 'order')) at.push(next!.start);
  });
  let text = sql;
  for (const offset of [...at].reverse()) text = `${text.slice(0, offset)}${PARTITION}${text.slice(offset)}`;
  return {
    text,
    toWritten: (offset) => {
      let written = offset;
      for (const [index, inserted] of at.entries()) {
        const start = inserted + index * PARTITION.length;
        if (offset >= start + PARTITION.length) written -= PARTITION.length;
        else if (offset >= start) written = inserted;
      }
      return written;
    },
  };
}

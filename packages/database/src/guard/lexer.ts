/**
 * A small lexer for MySQL/MariaDB and SQLite text, used before node-sql-parser sees it. node-sql-parser reads
 * `/*! ... *\/` as a comment (MySQL executes it), `--x` as a comment (MySQL reads two minus signs), and has one
 * fixed idea of backslashes and double quotes (MySQL's depends on sql_mode). This lexer follows the server's
 * rules so the guard can refuse text the server and the parser would read differently.
 */
export type LexDialect = 'mysql' | 'sqlite';

export interface LexMode {
  /** MySQL without NO_BACKSLASH_ESCAPES: a backslash escapes the next character in a string. */
  backslashEscapes: boolean;
  /** MySQL with ANSI_QUOTES: "..." is an identifier (no backslash escapes inside). */
  ansiQuotes: boolean;
}

export type TokenKind = 'string' | 'identifier' | 'comment' | 'semicolon' | 'word' | 'symbol';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

export type LexProblem =
  | { kind: 'executable-comment'; at: number }
  | { kind: 'unterminated'; at: number; what: string }
  | { kind: 'ambiguous'; at: number; what: string };

export interface LexResult {
  tokens: Token[];
  problems: LexProblem[];
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;
// Whitespace MySQL and SQLite agree on; anything else outside literals is refused as ambiguous.
const PLAIN_SPACE = new Set([' ', '\t', '\n', '\r']);
const UNICODE_SPACE = /[\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;

export function lex(sql: string, dialect: LexDialect, mode: LexMode): LexResult {
  const tokens: Token[] = [];
  const problems: LexProblem[] = [];
  let index = 0;
  const push = (kind: TokenKind, start: number, end: number): void => {
    tokens.push({ kind, start, end });
    index = end;
  };

  /** End offset (exclusive) of a quoted token starting at `start`, or -1 when it never closes. */
  const quotedEnd = (start: number, quote: string, escapes: boolean): number => {
    let at = start + 1;
    while (at < sql.length) {
      const char = sql[at];
      if (escapes && char === '\\') {
        at += 2;
        continue;
      }
      if (char === quote) {
        if (sql[at + 1] === quote) {
          at += 2;
          continue;
        }
        return at + 1;
      }
      at++;
    }
    return -1;
  };

  const quoted = (kind: TokenKind, quote: string, escapes: boolean, what: string): void => {
    const end = quotedEnd(index, quote, escapes);
    if (end < 0) {
      problems.push({ kind: 'unterminated', at: index, what });
      push(kind, index, sql.length);
    } else {
      push(kind, index, end);
    }
  };

  const lineComment = (): void => {
    const newline = sql.indexOf('\n', index);
    const body = sql.slice(index, newline < 0 ? sql.length : newline);
    // node-sql-parser ends a line comment at a carriage return, the servers at a line feed.
    if (/\r(?!$)/.test(body)) problems.push({ kind: 'ambiguous', at: index, what: 'carriage return inside a comment' });
    push('comment', index, newline < 0 ? sql.length : newline + 1);
  };

  while (index < sql.length) {
    const char = sql[index] as string;
    const next = sql[index + 1];
    if (PLAIN_SPACE.has(char)) {
      index++;
    } else if (char === "'") {
      quoted('string', "'", mode.backslashEscapes, 'string');
    } else if (char === '"') {
      const end = quotedEnd(index, '"', mode.backslashEscapes && !mode.ansiQuotes);
      // node-sql-parser splits "a""b" into the name a and the alias b; the server reads one name.
      if (end > 0 && sql.slice(index + 1, end - 1).includes('""')) {
        problems.push({ kind: 'ambiguous', at: index, what: 'doubled "" inside a double-quoted name' });
      }
      quoted(dialect === 'sqlite' || mode.ansiQuotes ? 'identifier' : 'string', '"', mode.backslashEscapes && !mode.ansiQuotes, 'quoted name or string');
    } else if (char === '`') {
      quoted('identifier', '`', false, 'quoted name');
    } else if (char === '[' && dialect === 'sqlite') {
      const close = sql.indexOf(']', index + 1);
      if (close < 0) problems.push({ kind: 'unterminated', at: index, what: 'bracketed name' });
      push('identifier', index, close < 0 ? sql.length : close + 1);
    } else if (char === '/' && next === '*') {
      if (dialect === 'mysql' && (sql[index + 2] === '!' || (sql[index + 2] === 'M' && sql[index + 3] === '!'))) {
        problems.push({ kind: 'executable-comment', at: index });
      }
      const close = sql.indexOf('*/', index + 2);
      if (close < 0) problems.push({ kind: 'unterminated', at: index, what: 'comment' });
      push('comment', index, close < 0 ? sql.length : close + 2);
    } else if (char === '-' && next === '-') {
      const after = sql[index + 2];
      // MySQL needs a space or control character after "--"; otherwise they are two minus signs.
      if (dialect === 'mysql' && after !== undefined && after.charCodeAt(0) > 32) {
        problems.push({ kind: 'ambiguous', at: index, what: '"--" not followed by a space' });
        push('symbol', index, index + 1);
      } else {
        lineComment();
      }
    } else if (char === '#') {
      // A comment in MySQL; in SQLite not a comment at all, while node-sql-parser reads one.
      if (dialect === 'sqlite') {
        problems.push({ kind: 'ambiguous', at: index, what: '"#"' });
        push('symbol', index, index + 1);
      } else {
        lineComment();
      }
    } else if (char === ';') {
      push('semicolon', index, index + 1);
    } else if (WORD.test(char) && !UNICODE_SPACE.test(char)) {
      let end = index + 1;
      while (end < sql.length && WORD.test(sql[end] as string) && !UNICODE_SPACE.test(sql[end] as string)) end++;
      push('word', index, end);
    } else {
      if (char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127 || UNICODE_SPACE.test(char)) {
        problems.push({ kind: 'ambiguous', at: index, what: `character U+${char.charCodeAt(0).toString(16).padStart(4, '0')}` });
      }
      push('symbol', index, index + 1);
    }
  }
  return { tokens, problems };
}

/**
 * The readings that must agree: node-sql-parser's and the server's. The session's sql_mode may hold
 * NO_BACKSLASH_ESCAPES or ANSI_QUOTES (the driver drops them, but this layer does not count on it), so
 * every combination is read.
 */
export function serverModes(dialect: LexDialect): LexMode[] {
  if (dialect === 'sqlite') {
    // SQLite has no backslash escapes; node-sql-parser's grammar may assume them: both readings must agree.
    return [
      { backslashEscapes: false, ansiQuotes: false },
      { backslashEscapes: true, ansiQuotes: false },
    ];
  }
  return [
    { backslashEscapes: true, ansiQuotes: false },
    { backslashEscapes: false, ansiQuotes: false },
    { backslashEscapes: true, ansiQuotes: true },
    { backslashEscapes: false, ansiQuotes: true },
  ];
}

/** The text without its trailing semicolons (and comments among them), so it can sit inside parentheses. */
export function withoutTrailingSemicolons(sql: string, dialect: LexDialect, mode: LexMode): string {
  const { tokens } = lex(sql, dialect, mode);
  let end = sql.length;
  for (let index = tokens.length - 1; index >= 0; index--) {
    const token = tokens[index] as Token;
    if (token.kind === 'semicolon') end = token.start;
    else if (token.kind !== 'comment') break;
  }
  return sql.slice(0, end);
}

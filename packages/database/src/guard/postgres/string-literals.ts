/**
 * Where PostgreSQL's string literals end, for the one setting libpg-query cannot know: with
 * standard_conforming_strings off (a deprecated, non-default server setting) a backslash escapes a quote in
 * '...' strings too. libpg-query parses as if it were on. Lexing the text both ways shows whether the
 * difference matters for this statement.
 */
const SPACE = new Set([' ', '\t', '\n', '\r', '\f', '\v']);
const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_CONT = /[A-Za-z_0-9$\u0080-\uffff]/;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$/y;

/** Start and end offsets of every string, quoted identifier and comment, in order. */
export function pgLiteralSpans(sql: string, standardConformingStrings: boolean): number[] {
  const spans: number[] = [];
  let index = 0;

  const quoted = (start: number, quote: string, escapes: boolean): void => {
    let at = start + 1;
    while (at < sql.length) {
      const char = sql[at];
      if (escapes && char === '\\') at += 2;
      else if (char === quote && sql[at + 1] === quote) at += 2;
      else if (char === quote) break;
      else at++;
    }
    index = Math.min(at + 1, sql.length);
    spans.push(start, index);
  };

  const dollarTag = (at: number): string | undefined => {
    DOLLAR_TAG.lastIndex = at;
    return DOLLAR_TAG.exec(sql)?.[0];
  };

  while (index < sql.length) {
    const char = sql[index] as string;
    const next = sql[index + 1];
    if (SPACE.has(char)) {
      index++;
    } else if (char === '-' && next === '-') {
      const end = sql.slice(index).search(/[\n\r]/);
      spans.push(index, end < 0 ? sql.length : index + end);
      index = end < 0 ? sql.length : index + end;
    } else if (char === '/' && next === '*') {
      const start = index;
      let depth = 0;
      while (index < sql.length) {
        if (sql.startsWith('/*', index)) {
          depth++;
          index += 2;
        } else if (sql.startsWith('*/', index)) {
          depth--;
          index += 2;
          if (depth === 0) break;
        } else {
          index++;
        }
      }
      spans.push(start, index);
    } else if (char === "'") {
      quoted(index, "'", !standardConformingStrings);
    } else if (char === '"') {
      quoted(index, '"', false);
    } else if (char === '$' && dollarTag(index)) {
      const tag = dollarTag(index) as string;
      const close = sql.indexOf(tag, index + tag.length);
      const end = close < 0 ? sql.length : close + tag.length;
      spans.push(index, end);
      index = end;
    } else if (IDENT_START.test(char)) {
      const start = index;
      while (index < sql.length && IDENT_CONT.test(sql[index] as string)) index++;
      const word = sql.slice(start, index);
      if (sql[index] === "'" && /^[eE]$/.test(word)) quoted(index, "'", true);
      else if (sql[index] === "'" && /^[nN]$/.test(word)) quoted(index, "'", !standardConformingStrings);
      else if (sql[index] === "'" && /^[bBxX]$/.test(word)) quoted(index, "'", false);
      else if (/^[uU]$/.test(word) && sql[index] === '&' && (sql[index + 1] === "'" || sql[index + 1] === '"')) {
        quoted(index + 1, sql[index + 1] as string, false);
      }
    } else {
      index++;
    }
  }
  return spans;
}

/** True when the statement lexes the same whatever standard_conforming_strings is. */
export function independentOfStringSetting(sql: string): boolean {
  if (!sql.includes('\\')) return true;
  const on = pgLiteralSpans(sql, true);
  const off = pgLiteralSpans(sql, false);
  return on.length === off.length && on.every((offset, index) => off[index] === offset);
}

/** The text without its trailing semicolons (comments after them dropped too), so it can sit inside parentheses. */
export function withoutTrailingSemicolon(sql: string): string {
  const spans = pgLiteralSpans(sql, true);
  const spanAt = (at: number): [number, number] | undefined => {
    for (let index = 0; index < spans.length; index += 2) {
      const [start, end] = [spans[index] as number, spans[index + 1] as number];
      if (at >= start && at < end) return [start, end];
    }
    return undefined;
  };
  let end = sql.length;
  for (let at = sql.length - 1; at >= 0; at--) {
    const span = spanAt(at);
    if (span) {
      if (!sql.startsWith('--', span[0]) && !sql.startsWith('/*', span[0])) break;
      at = span[0];
    } else if (sql[at] === ';') end = at;
    else if (!/\s/.test(sql[at] as string)) break;
  }
  return sql.slice(0, end);
}

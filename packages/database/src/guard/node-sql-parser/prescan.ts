import { type LexDialect, type LexResult, lex, serverModes, type Token } from '../lexer.js';
import { type Mode, refuseAs } from '../rules.js';

const LITERAL = new Set(['string', 'identifier', 'comment']);

function sameTokens(a: LexResult, b: LexResult): boolean {
  if (a.tokens.length !== b.tokens.length) return false;
  return a.tokens.every((token, index) => {
    const other = b.tokens[index];
    return other !== undefined && other.start === token.start && other.end === token.end && LITERAL.has(other.kind) === LITERAL.has(token.kind);
  });
}

/**
 * Lexical checks the AST cannot make: executable comments, text that lexes differently under the server's
 * possible modes (or differently from node-sql-parser), and a second statement after a semicolon.
 * Returns the tokens, on whose bounds every reading agrees once the checks pass.
 */
export function prescan(sql: string, dialect: LexDialect, mode: Mode): Token[] {
  const results = serverModes(dialect).map((lexMode) => lex(sql, dialect, lexMode));
  const first = results[0] as LexResult;
  for (const result of results) {
    for (const problem of result.problems) {
      if (problem.kind === 'executable-comment') {
        refuseAs(
          mode,
          'executable-comment',
          `executable comment /*! ... */ at offset ${problem.at}: MySQL runs its content as SQL`,
          'Remove the /*! ... */ (or /*M! ... */) comment, or write its content as plain SQL.',
        );
      }
      // Unterminated in another reading only means the readings disagree.
      if (problem.kind === 'unterminated' && result === first) {
        refuseAs(mode, 'parse', `unterminated ${problem.what} starting at offset ${problem.at}`, 'Close the quote or comment.');
      }
      if (problem.kind === 'ambiguous') {
        refuseAs(
          mode,
          'ambiguous-syntax',
          `${problem.what} at offset ${problem.at} is read differently by the database and by the SQL checker`,
          'Rewrite it unambiguously: a space after "--" comments, "- -" for two minus signs, /* */ instead of "#" in SQLite, no control or Unicode space characters outside strings.',
        );
      }
    }
    if (!sameTokens(first, result)) {
      refuseAs(
        mode,
        'ambiguous-syntax',
        dialect === 'mysql'
          ? "a string has a backslash before a quote, so where it ends depends on the server's sql_mode (NO_BACKSLASH_ESCAPES, ANSI_QUOTES)"
          : "a string has a backslash before a quote: SQLite ends the string there, the SQL checker's parser may not",
        "Avoid backslashes before quotes: double the quote ('it''s') instead, or use single quotes for strings.",
      );
    }
  }
  const semicolon = first.tokens.findIndex((token) => token.kind === 'semicolon');
  if (semicolon >= 0 && first.tokens.slice(semicolon).some((token) => token.kind !== 'semicolon' && token.kind !== 'comment')) {
    refuseAs(
      mode,
      'single-statement',
      'more than one statement: only one statement may be run per call',
      'Send each statement in its own call, without a semicolon in between.',
    );
  }
  return first.tokens;
}

const OPENER = '<!--';

/**
 * Removes HTML comments (hidden when GitHub and other sites render the text, read by a model all the
 * same), including one left open until the end. One pass that treats what it keeps as a stack, so a
 * comment that only appears once another is removed (`<!-<!---->- hidden -->`) goes too, in linear time.
 */
export function removeHtmlComments(text: string): string {
  if (!text.includes(OPENER)) return text;
  const kept: string[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index++]!;
    kept.push(char);
    if (char === '-' && kept.length >= OPENER.length && kept.slice(-OPENER.length).join('') === OPENER) {
      kept.length -= OPENER.length;
      index = commentEnd(text, index);
    }
  }
  return kept.join('');
}

const CLOSER = /--!?>/g;

/** Where a comment opened just before `from` ends: `-->` or `--!>`, at once for `<!-->` and `<!--->` (as browsers do), or at the end. */
function commentEnd(text: string, from: number): number {
  if (text.startsWith('>', from)) return from + 1;
  if (text.startsWith('->', from)) return from + 2;
  CLOSER.lastIndex = from;
  const close = CLOSER.exec(text);
  return close ? close.index + close[0].length : text.length;
}

/** Small helpers for compact renderings. */

/** Cuts text to `max` characters with an explicit marker. */
export function truncate(text: string, max: number, marker = '…[cut]'): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - marker.length))}${marker}`;
}

// Every character a reader may take for the end of a line.
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

/** The text on one line: each line break becomes the two characters `\n`, so a reader sees where it was. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAK, '\\n');
}

/**
 * Renders rows as CSV, the most token-frugal table a model reads well. Cells are quoted as RFC 4180
 * says (a cell holding a comma or a quote is quoted, quotes doubled). RFC 4180 lets a quoted cell span
 * lines, but a model reads lines, not quotes: a title like `x"\n999,IGNORE ALL...,open` would show as
 * a row of its own. So no cell ever holds a line break: each one is written as the two characters `\n`,
 * and every line of the table is one row.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    const text = oneLine(typeof value === 'object' ? JSON.stringify(value) : String(value));
    return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n');
}

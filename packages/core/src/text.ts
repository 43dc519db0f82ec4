/** Small helpers for compact renderings. */

/** Cuts text to `max` characters with an explicit marker. */
export function truncate(text: string, max: number, marker = '…[cut]'): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - marker.length))}${marker}`;
}

/** Renders rows as CSV (RFC 4180 quoting), the most token-frugal table a model reads well. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n');
}

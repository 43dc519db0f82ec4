/** Small statistics for the insights tools. */

export function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const mean = (values: number[]): number | undefined => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : undefined);

export const hoursBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 3_600_000;

/** Rounds for display (two decimals by default); undefined stays undefined. */
export const round = (value: number | undefined, digits = 2): number | undefined =>
  value === undefined ? undefined : Math.round(value * 10 ** digits) / 10 ** digits;

/** The ISO date (YYYY-MM-DD) `days` days before now, GitHub search's date format. */
export const daysAgo = (days: number, now = Date.now()): string => new Date(now - days * 86_400_000).toISOString().slice(0, 10);

/** Nearest-rank percentile of a list of numbers (p in 0..100); undefined for an empty list. */
export function percentile(values, p) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (!sorted.length) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export const median = (values) => percentile(values, 50);

export const ms = (value) => (value === undefined ? 'n/a' : value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`);
export const us = (value) => (value === undefined ? 'n/a' : `${Math.round(value * 1000)} µs`);
export const mb = (bytes) => (bytes === undefined ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
export const int = (value) => (value === undefined ? 'n/a' : Math.round(value).toLocaleString('en-US'));

/** "1.23×" relative to a reference; empty when either side is missing. */
export function ratio(value, reference) {
  if (value === undefined || reference === undefined || reference === 0) return '';
  const quotient = value / reference;
  // Two significant digits below 0.1, so a 300-fold difference does not print as 0.00×.
  return `${quotient < 0.1 ? quotient.toPrecision(2) : quotient.toFixed(2)}×`;
}

/** Shuffles in place (Fisher-Yates) so that no server always runs first in a round. */
export function shuffle(items) {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [items[index], items[other]] = [items[other], items[index]];
  }
  return items;
}

/** Sentry sends counts as strings ("count": "1523") or numbers, and self-hosted versions may omit them. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** A percentage with one decimal, e.g. 0.98765 -> 98.8 (Sentry's rates are 0..1). */
export const percent = (rate: number | null | undefined): number | undefined =>
  typeof rate === 'number' && Number.isFinite(rate) ? Math.round(rate * 1000) / 10 : undefined;

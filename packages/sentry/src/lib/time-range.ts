import * as z from 'zod';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Sentry's statsPeriod form: a number and m, h, d or w. */
export const timeRangeInput = (fallback: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,3}[mhdw]$/, 'expected a number and m, h, d or w, like 24h, 7d or 2w')
    .default(fallback);

export function periodMs(range: string): number {
  const unit = range.slice(-1) as keyof typeof UNIT_MS;
  return Number(range.slice(0, -1)) * UNIT_MS[unit];
}

/** Twice a period in Sentry's form (the period and the one before it), in hours so any unit doubles exactly. */
export function doubled(range: string): string {
  return `${Math.ceil((2 * periodMs(range)) / UNIT_MS.h)}h`;
}

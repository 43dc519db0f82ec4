import { InvalidInputError } from '@toolbridge/core';
import * as z from 'zod';

const UNITS: Record<string, number> = { m: 60, h: 3600, d: 86_400, w: 604_800 };

export const timeRangeInput = z
  .string()
  .refine((value) => /^\d{1,4}[mhdw]$/.test(value), 'expected a span like 30m, 24h, 7d or 2w')
  .optional()
  .describe('30m, 24h, 7d, 2w (default 24h)');

export const instantInput = z.string().min(1).optional();

/** A Slack ts (seconds with decimals) from an ISO date, epoch seconds or a ts. */
export function toTs(value: string, field: string): string {
  if (/^\d{9,11}(\.\d{1,6})?$/.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new InvalidInputError(`${field}: expected an ISO date (2025-01-31T09:00Z), epoch seconds or a Slack ts, got ${JSON.stringify(value)}`);
  return (ms / 1000).toFixed(6);
}

/** oldest/latest for history: explicit bounds win, else the span back from now. */
export function rangeOf(input: { time_range?: string | undefined; oldest?: string | undefined; latest?: string | undefined }, now = Date.now()) {
  const span = input.time_range ?? '24h';
  const seconds = Number(span.slice(0, -1)) * UNITS[span.slice(-1)]!;
  return {
    oldest: input.oldest ? toTs(input.oldest, 'oldest') : (now / 1000 - seconds).toFixed(6),
    ...(input.latest ? { latest: toTs(input.latest, 'latest') } : {}),
  };
}

/** A ts as an ISO date, for people and models. */
export const isoOf = (ts: string): string => new Date(Number(ts) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

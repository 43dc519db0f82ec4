import { InvalidInputError } from '@toolbridge/core';
import * as z from 'zod';

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export const sinceInput = z.string().min(2).describe('Date or age (24h, 7d, 2w)');

/** A point in time from a date, an ISO time, or an age before `now` (24h, 7d, 2w). */
export function parseTime(text: string, now = Date.now()): number {
  const age = /^(\d{1,4})\s*([hdw])$/i.exec(text.trim());
  if (age) return now - Number(age[1]) * UNIT_MS[age[2]!.toLowerCase() as keyof typeof UNIT_MS];
  const time = Date.parse(text.trim());
  if (Number.isNaN(time)) {
    throw new InvalidInputError(`${JSON.stringify(text)} is neither a date nor an age`, {
      hint: 'Pass a date (2026-11-01), an ISO time, or an age like 24h, 7d or 2w.',
    });
  }
  return time;
}

export const isoDay = (time: string | number) => new Date(time).toISOString().slice(0, 10);

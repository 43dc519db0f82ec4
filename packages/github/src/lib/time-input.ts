import { z } from 'zod';

/**
 * An ISO 8601 date or time argument. A short pattern instead of zod's datetime(), whose JSON-schema
 * regex alone costs about 500 characters of every tools/list.
 */
export const isoTimeInput = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?$/, 'expected ISO 8601, e.g. 2025-01-31 or 2025-01-31T12:00:00Z')
    .describe(description);

/** The timestamp GitHub's REST API wants (YYYY-MM-DDTHH:MM:SSZ); a bare date or a time without zone is UTC. */
export function toTimestamp(value: string): string {
  const withTime = /T/.test(value) ? value : `${value}T00:00:00`;
  const zoned = /(Z|[+-]\d\d:\d\d)$/.test(withTime) ? withTime : `${withTime}Z`;
  return new Date(zoned).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

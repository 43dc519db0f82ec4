import * as z from 'zod';

const ISO_8601 = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?$/;

/**
 * An ISO 8601 date or time argument (the description says so). Checked by a refinement, which JSON
 * Schema does not show: a pattern would cost about 45 tokens of tools/list at every use.
 */
export const isoTimeInput = (description: string) =>
  z
    .string()
    .refine((value) => ISO_8601.test(value), 'expected ISO 8601, e.g. 2025-01-31 or 2025-01-31T12:00:00Z')
    .describe(description);

/** The timestamp GitHub's REST API wants (YYYY-MM-DDTHH:MM:SSZ); a bare date or a time without zone is UTC. */
export function toTimestamp(value: string): string {
  const withTime = /T/.test(value) ? value : `${value}T00:00:00`;
  const zoned = /(Z|[+-]\d\d:\d\d)$/.test(withTime) ? withTime : `${withTime}Z`;
  return new Date(zoned).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

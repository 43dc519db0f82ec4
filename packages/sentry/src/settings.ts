import * as z from 'zod';

const slug = z.string().regex(/^[\w.-]+$/, 'expected a slug as in your Sentry URLs (letters, digits, -, _ and .)');

/** The server's section of the config file ("sentry"). Environment variables fill it (see index.ts). */
export const settingsSchema = z.object({
  /** Sentry's address: https://sentry.io, a region (https://de.sentry.io) or a self-hosted Sentry. */
  url: z.string().url().optional(),
  /** A host name alone, as sentry-mcp's SENTRY_HOST takes it (https is assumed). */
  host: z.string().min(1).optional(),
  /** Default organization slug. */
  organization: slug.optional(),
  /** Default project slug. */
  project: slug.optional(),
});

export type SentrySettings = z.output<typeof settingsSchema>;

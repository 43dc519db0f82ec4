import * as z from 'zod';

export const DEFAULT_API_URL = 'https://api.linear.app/graphql';

/** The server's section of the config file ("linear"). Environment variables fill it (see index.ts). */
export const settingsSchema = z.object({
  /** Linear's GraphQL endpoint (tests point it at a fake). */
  apiUrl: z.string().url().default(DEFAULT_API_URL),
  /** The default team, by key (ENG) or name, for tools given no team. */
  team: z.string().min(1).optional(),
});

export type LinearSettings = z.output<typeof settingsSchema>;

import * as z from 'zod';

/** The server's section of the config file ("github"). Environment variables fill it (see index.ts). */
export const settingsSchema = z.object({
  apiUrl: z.string().url().optional(),
  host: z.string().min(1).optional(),
  /** Default repository as owner/repo. */
  repository: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/repo')
    .optional(),
  lockdown: z.boolean().default(false),
});

export type GitHubSettings = z.output<typeof settingsSchema>;

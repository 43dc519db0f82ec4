import * as z from 'zod';

/** A channel as SLACK_WRITE_CHANNELS names it: an id, `#name`, `@handle` (a DM), or `*` (all, written explicitly). */
const writeChannel = z
  .string()
  .trim()
  .regex(/^(\*|[CGDUW][A-Z0-9]{2,}|#[a-z0-9][\w.-]*|@[\w.-]+)$/i, 'expected a channel id (C0123), #name, @handle or *');

/** The server's section of the config file ("slack"). Environment variables fill it (see index.ts). */
export const settingsSchema = z.object({
  /** The Web API's base URL (GovSlack, or the fake in tests). */
  apiUrl: z.string().url().default('https://slack.com/api/'),
  /** The workspace of an org-wide app (its users and channels are cached under it). */
  teamId: z
    .string()
    .regex(/^[TE][A-Z0-9]+$/, 'expected a team id like T0123ABCD')
    .optional(),
  /** Offer the write tools (also: --role developer or admin). */
  allowWrite: z.boolean().default(false),
  /** Where writes may go; nothing when empty: `*` allows every channel, and only when written. */
  writeChannels: z.array(writeChannel).default([]),
  /** Let messages mention @channel, @here or @everyone. */
  allowBroadcast: z.boolean().default(false),
});

export type SlackSettings = z.output<typeof settingsSchema>;

import { z } from 'zod';

export const textInput = z.string().min(1).max(40_000).describe('Message text in Slack mrkdwn (*bold*, _italic_, <https://x|label>, <@U0123>)');
export const blocksInput = z
  .array(z.record(z.string(), z.unknown()))
  .max(50)
  .optional()
  .describe('Block Kit blocks; text then serves as the notification fallback');

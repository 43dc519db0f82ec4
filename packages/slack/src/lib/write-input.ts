import * as z from 'zod';

export const textInput = z
  .string()
  .min(1)
  .refine((text) => text.length <= 40_000, 'Slack takes at most 40,000 characters')
  .describe('mrkdwn: *bold*, <https://x|label>, <@U0123>');
// Slack checks the blocks themselves (invalid_blocks); the schema only says what a model needs.
export const blocksInput = z
  .array(z.unknown())
  .refine((blocks) => blocks.length <= 50, 'Slack takes at most 50 blocks')
  .optional()
  .describe('Block Kit blocks (text is the fallback)');

import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import type { SlackAnswer } from '../client.js';
import { defineTool } from '../define.js';
import { authorizeWrite } from '../lib/policy.js';
import { channelInput, tsInput } from '../lib/refs.js';

export const addReaction = defineTool({
  name: 'slack_add_reaction',
  title: 'Add reaction',
  description: 'Adds an emoji reaction (e.g. white_check_mark) to a message, where SLACK_WRITE_CHANNELS allows.',
  toolset: 'messages',
  input: () =>
    z.object({
      channel: channelInput,
      ts: tsInput,
      name: z
        .string()
        .trim()
        .transform((name) => name.replace(/^:|:$/g, ''))
        .refine((name) => /^[a-z0-9_+'-]{1,100}(::skin-tone-[2-6])?$/.test(name), 'expected an emoji name like thumbsup or white_check_mark'),
    }),
  output: () => z.object({ channel: z.string(), ts: z.string(), reaction: z.string() }),
  annotations: annotations.idempotentWrite,
  async handler(input, context) {
    const target = await authorizeWrite(context, { channel: input.channel });
    await context.services.client.call<SlackAnswer>('reactions.add', { channel: target.id, timestamp: input.ts, name: input.name });
    return { channel: target.label, ts: input.ts, reaction: input.name };
  },
});

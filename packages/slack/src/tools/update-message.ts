import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import type { SlackAnswer } from '../client.js';
import { defineTool } from '../define.js';
import { authorizeWrite } from '../lib/policy.js';
import { channelInput, tsInput } from '../lib/refs.js';
import { blocksInput, textInput } from '../lib/write-input.js';

export const updateMessage = defineTool({
  name: 'slack_update_message',
  title: 'Update message',
  description: "Replaces the text (and blocks) of the app's own message, where SLACK_WRITE_CHANNELS allows.",
  toolset: 'messages',
  input: () => z.object({ channel: channelInput, ts: tsInput, text: textInput, blocks: blocksInput }),
  output: () => z.object({ channel: z.string(), channel_id: z.string(), ts: z.string() }),
  annotations: annotations.idempotentWrite,
  async handler(input, context) {
    const target = await authorizeWrite(context, input);
    const updated = await context.services.client.call<SlackAnswer & { channel: string; ts: string }>('chat.update', {
      channel: target.id,
      ts: input.ts,
      text: input.text,
      blocks: input.blocks,
    });
    return { channel: target.label, channel_id: updated.channel, ts: updated.ts };
  },
});

import { annotations, compact } from '@toolbridge/core';
import * as z from 'zod';
import type { SlackAnswer } from '../client.js';
import { defineTool } from '../define.js';
import { authorizeWrite } from '../lib/policy.js';
import { channelInput, tsInput } from '../lib/refs.js';
import { blocksInput, textInput } from '../lib/write-input.js';

export const sendMessage = defineTool({
  name: 'slack_send_message',
  title: 'Send message',
  description: 'Posts a message, or a reply with thread_ts, where SLACK_WRITE_CHANNELS allows; no link previews. Returns ts and permalink.',
  toolset: 'messages',
  input: () => z.object({ channel: channelInput, text: textInput, blocks: blocksInput, thread_ts: tsInput.optional() }),
  output: () => z.object({ channel: z.string(), channel_id: z.string(), ts: z.string(), thread_ts: z.string().optional(), permalink: z.string().optional() }),
  annotations: annotations.write,
  async handler(input, context) {
    const target = await authorizeWrite(context, input);
    const client = context.services.client;
    const posted = await client.call<SlackAnswer & { channel: string; ts: string }>('chat.postMessage', {
      channel: target.id,
      text: input.text,
      blocks: input.blocks,
      thread_ts: input.thread_ts,
      unfurl_links: false,
      unfurl_media: false,
    });
    const { permalink } = await client.call<SlackAnswer & { permalink?: string }>('chat.getPermalink', { channel: posted.channel, message_ts: posted.ts });
    return { channel: target.label, channel_id: posted.channel, ts: posted.ts, ...compact({ thread_ts: input.thread_ts, permalink }) };
  },
});

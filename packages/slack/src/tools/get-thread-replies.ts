import { annotations, compact } from '@toolbridge/core';
import * as z from 'zod';
import type { SlackAnswer } from '../client.js';
import { defineTool } from '../define.js';
import { type ApiMessage, compactMessage, messageTable } from '../lib/messages.js';
import { cursorInput, nextCursorOf, nextCursorOutput } from '../lib/paging.js';
import { channelInput, namesOf, resolveChannel, tsInput } from '../lib/refs.js';

export const getThreadReplies = defineTool({
  name: 'slack_get_thread_replies',
  title: 'Get thread replies',
  description: "A thread, oldest first, with authors. thread_ts is the first message's ts.",
  toolset: 'messages',
  input: () => z.object({ channel: channelInput, thread_ts: tsInput, limit: z.number().int().min(1).max(200).default(100), cursor: cursorInput }),
  output: () => z.object({ channel_id: z.string(), messages: messageTable.schema, next_cursor: nextCursorOutput }),
  annotations: annotations.read,
  async handler(input, context) {
    const target = await resolveChannel(context, input.channel);
    const answer = await context.services.client.call<SlackAnswer & { messages: ApiMessage[] }>('conversations.replies', {
      channel: target.id,
      ts: input.thread_ts,
      limit: input.limit,
      cursor: input.cursor,
    });
    const names = await namesOf(context);
    return {
      channel_id: target.id,
      messages: messageTable.of(answer.messages.map((message) => compactMessage(message, names, target.label))),
      ...compact({ next_cursor: nextCursorOf(answer) }),
    };
  },
});

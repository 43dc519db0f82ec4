import { annotations, compact } from '@toolbridge/core';
import * as z from 'zod';
import type { SlackAnswer } from '../client.js';
import { defineTool } from '../define.js';
import { type ApiMessage, compactMessage, matchesKeywords, messageTable } from '../lib/messages.js';
import { cursorInput, nextCursorOf, nextCursorOutput } from '../lib/paging.js';
import { channelInput, namesOf, resolveChannel } from '../lib/refs.js';
import { instantInput, rangeOf, timeRangeInput } from '../lib/time-range.js';

export const getChannelMessages = defineTool({
  name: 'slack_get_channel_messages',
  title: 'Get channel messages',
  description: 'Messages of a channel or DM, newest first: authors, reply counts, reactions, files. filter_keywords keeps those mentioning any keyword.',
  toolset: 'messages',
  input: () =>
    z.object({
      channel: channelInput,
      time_range: timeRangeInput,
      oldest: instantInput.describe('ISO date or ts; overrides time_range'),
      latest: instantInput.describe('ISO date or ts'),
      filter_keywords: z
        .array(z.string().min(1))
        .refine((keywords) => keywords.length <= 20, 'at most 20 keywords')
        .optional(),
      limit: z.number().int().min(1).max(200).default(50).describe('Before filtering'),
      cursor: cursorInput,
    }),
  output: () =>
    z.object({
      channel_id: z.string(),
      messages: messageTable.schema,
      filtered_out: z.number().optional().describe('Messages of this page that matched no keyword'),
      next_cursor: nextCursorOutput,
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const target = await resolveChannel(context, input.channel);
    const answer = await context.services.client.call<SlackAnswer & { messages: ApiMessage[] }>('conversations.history', {
      channel: target.id,
      ...rangeOf(input),
      limit: input.limit,
      cursor: input.cursor,
    });
    const names = await namesOf(context);
    const keywords = input.filter_keywords ?? [];
    const kept = answer.messages.filter((message) => matchesKeywords(message, keywords, names));
    return {
      channel_id: target.id,
      messages: messageTable.of(kept.map((message) => compactMessage(message, names, target.label))),
      ...compact({ filtered_out: answer.messages.length - kept.length || undefined, next_cursor: nextCursorOf(answer) }),
    };
  },
});

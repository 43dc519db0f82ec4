import { annotations, compact } from '@toolbridge/core';
import * as z from 'zod';
import type { SlackAnswer } from '../client.js';
import { defineTool } from '../define.js';
import { type ApiMessage, compactMessage, matchTable } from '../lib/messages.js';
import { namesOf } from '../lib/refs.js';

interface SearchMatch extends ApiMessage {
  channel?: { id: string; name?: string; is_im?: boolean };
  permalink?: string;
}

interface SearchAnswer extends SlackAnswer {
  messages: { total?: number; matches: SearchMatch[]; paging?: { page?: number; pages?: number } };
}

export const searchMessages = defineTool({
  name: 'slack_search_messages',
  title: 'Search messages',
  description: 'Searches messages in Slack\'s syntax: words, "phrase", in:#channel, from:@handle, after:2025-01-31, has:link. Needs SLACK_USER_TOKEN.',
  toolset: 'messages',
  input: () =>
    z.object({
      query: z.string().trim().min(1),
      sort: z.enum(['score', 'timestamp']).default('score'),
      count: z.number().int().min(1).max(100).default(20),
      page: z.number().int().min(1).max(100).default(1),
    }),
  output: () =>
    z.object({
      total: z.number().optional(),
      matches: matchTable.schema,
      next_page: z.number().optional(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const answer = await context.services.client.call<SearchAnswer>(
      'search.messages',
      { query: input.query, sort: input.sort, sort_dir: 'desc', count: input.count, page: input.page },
      'user',
    );
    const names = await namesOf(context);
    const { matches, total, paging } = answer.messages;
    return {
      matches: matchTable.of(
        matches.map((match) => {
          const where = match.channel?.name ? `#${match.channel.name}` : (match.channel?.id ?? 'unknown');
          return { ...compactMessage(match, names, where), channel: where, ...compact({ permalink: match.permalink }) };
        }),
      ),
      ...compact({ total, next_page: paging?.pages && input.page < paging.pages ? input.page + 1 : undefined }),
    };
  },
});

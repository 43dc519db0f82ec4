import { annotations, compact, sanitizeUntrusted, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import type { SlackAnswer } from '../client.js';
import { defineTool } from '../define.js';
import type { ApiChannel } from '../lib/directory.js';
import { cursorInput, nextCursorOf, nextCursorOutput } from '../lib/paging.js';
import { namesOf } from '../lib/refs.js';

const TYPES = { public: 'public_channel', private: 'private_channel', im: 'im', mpim: 'mpim' } as const;

export const channelOutput = z.object({
  id: z.string(),
  name: z.string(),
  private: z.boolean().optional(),
  dm_with: z.string().optional(),
  members: z.number().optional(),
  is_member: z.boolean().optional(),
  topic: z.string().optional(),
  purpose: z.string().optional(),
});

const channelTable = tableOf(() => channelOutput);

export const listChannels = defineTool({
  name: 'slack_list_channels',
  title: 'List channels',
  description: 'Channels the token can see: member counts, topics, whether the app is a member.',
  toolset: 'channels',
  input: () =>
    z.object({
      types: z
        .array(z.enum(['public', 'private', 'im', 'mpim']))
        .min(1)
        .default(['public', 'private']),
      name: z.string().min(1).optional().describe('Part of the name'),
      include_archived: z.boolean().default(false),
      limit: z.number().int().min(1).max(1000).default(200).describe('Before the name filter'),
      cursor: cursorInput,
    }),
  output: () => z.object({ channels: channelTable.schema, next_cursor: nextCursorOutput }),
  annotations: annotations.read,
  async handler(input, context) {
    const answer = await context.services.client.call<SlackAnswer & { channels: ApiChannel[] }>('conversations.list', {
      types: [...new Set(input.types.map((type) => TYPES[type]))].join(','),
      exclude_archived: !input.include_archived,
      limit: input.limit,
      cursor: input.cursor,
    });
    const filter = input.name?.replace(/^#/, '').toLowerCase();
    const names = await namesOf(context);
    const channels = answer.channels.filter((channel) => !filter || (channel.name ?? '').toLowerCase().includes(filter));
    return {
      channels: channelTable.of(
        channels.map((channel) => ({
          id: channel.id,
          name: channel.name ?? (channel.user ? `@${names.user(channel.user)}` : channel.id),
          ...compact({
            private: channel.is_private || undefined,
            dm_with: channel.is_im ? names.user(channel.user) : undefined,
            members: channel.num_members,
            is_member: channel.is_member,
            topic: channel.topic?.value ? sanitizeUntrusted(channel.topic.value) : undefined,
            purpose: channel.purpose?.value ? sanitizeUntrusted(channel.purpose.value) : undefined,
          }),
        })),
      ),
      ...compact({ next_cursor: nextCursorOf(answer) }),
    };
  },
});

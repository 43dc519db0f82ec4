import { annotations, compact, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { userOutput } from '../lib/user-shape.js';

const userTable = tableOf(() => userOutput);

export const getUsers = defineTool({
  name: 'slack_get_users',
  title: 'Get users',
  description: 'People of the workspace: id, @handle, name, title, time zone. query matches handle, name or title.',
  toolset: 'users',
  input: () =>
    z.object({
      query: z.string().trim().min(1).optional(),
      include_bots: z.boolean().default(false),
      include_deleted: z.boolean().default(false),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0).describe('From next_offset'),
    }),
  output: () => z.object({ users: userTable.schema, total: z.number(), next_offset: z.number().optional() }),
  annotations: annotations.read,
  async handler(input, context) {
    // The cached directory (refreshed when stale) holds every user: one list for the whole workspace.
    const { users } = await context.services.directory.current();
    const query = input.query?.toLowerCase();
    const matching = users.filter(
      (user) =>
        (input.include_bots || !user.is_bot) &&
        (input.include_deleted || !user.deleted) &&
        (!query || [user.handle, user.name, user.real_name, user.title].some((field) => field?.toLowerCase().includes(query))),
    );
    const end = input.offset + input.limit;
    return {
      users: userTable.of(matching.slice(input.offset, end)),
      total: matching.length,
      ...compact({ next_offset: end < matching.length ? end : undefined }),
    };
  },
});

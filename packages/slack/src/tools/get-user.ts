import { annotations, compact, sanitizeUntrusted } from '@toolbridge/core';
import * as z from 'zod';
import type { SlackAnswer } from '../client.js';
import { defineTool } from '../define.js';
import type { ApiUser } from '../lib/directory.js';
import { resolveUser } from '../lib/refs.js';
import { userOutput } from '../lib/user-shape.js';

export const getUser = defineTool({
  name: 'slack_get_user',
  title: 'Get user',
  description: 'One person by id, @handle or email: names, title, time zone, status, email.',
  toolset: 'users',
  input: () => z.object({ user: z.string().trim().min(1).describe('User id, @handle or email') }),
  output: () => userOutput.extend({ email: z.string().optional(), status: z.string().optional(), is_admin: z.boolean().optional() }),
  annotations: annotations.read,
  async handler(input, context) {
    const known = await resolveUser(context, input.user);
    // users.info for what the cache leaves out (email, status): one request.
    const { user } = await context.services.client.call<SlackAnswer & { user: ApiUser }>('users.info', { user: known.id });
    const status = [user.profile?.status_emoji, user.profile?.status_text].filter(Boolean).join(' ');
    return {
      ...known,
      ...compact({ email: user.profile?.email, status: status ? sanitizeUntrusted(status) : undefined, is_admin: user.is_admin || undefined }),
    };
  },
});

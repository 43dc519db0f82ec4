// Ready for @toolbridge/slack: added to SERVERS (registry/index.ts) when the package lands on main.
import { anySet, read } from './identity.js';
import type { ServerEntry } from './types.js';

export const slack: ServerEntry = {
  id: 'slack',
  title: 'Slack',
  package: '@toolbridge/slack',
  bin: 'toolbridge-slack',
  summary: 'channel history, threads, search and users; posting guarded per channel',
  variables: [
    {
      name: 'SLACK_BOT_TOKEN',
      secret: true,
      description: 'a Slack bot token (xoxb-…)',
      alternatives: ['SLACK_USER_TOKEN'],
      howToGet:
        'install a Slack app in the workspace (OAuth & Permissions: channels:history, channels:read, users:read, and chat:write to post) and copy its bot token',
    },
    { name: 'SLACK_USER_TOKEN', secret: true, description: 'a Slack user token (xoxp-…), needed for search' },
  ],
  requires: ['SLACK_BOT_TOKEN'],
  toolsets: {
    messages: { description: 'Channel history and threads (and posting, reactions, edits when writes are on)', default: true },
    channels: { description: 'Channels with member counts and topics', default: true },
    users: { description: 'People and their profiles', default: true },
    search: { description: 'Message search (needs a user token)', default: true },
  },
  identity: {
    // The server has no auth.test tool: one channel of those the app is in proves the token reads.
    tool: 'slack_list_channels',
    async read(probe) {
      const listing = await read(probe, { tool: 'slack_list_channels', args: { member_only: true, limit: 1 } });
      const first = Array.isArray(listing.channels) ? (listing.channels[0] as { name?: string } | undefined) : undefined;
      return { identity: first ? `token reads channels (in #${first.name})` : 'token reads channels (the app is in none yet)' };
    },
  },
  suggested: ({ env }) => anySet(env, ['SLACK_BOT_TOKEN', 'SLACK_USER_TOKEN']),
};

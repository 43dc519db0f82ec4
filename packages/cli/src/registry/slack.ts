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
    messages: { description: 'Channel history, threads and search; posts, reactions, edits and scheduled messages when writes are on', default: true },
    channels: { description: 'Channels with member counts and topics', default: true },
    users: { description: 'People of the workspace', default: true },
  },
  identity: {
    // The server has no auth.test tool: the channels the token sees, and how many the app is in, prove it reads.
    tool: 'slack_list_channels',
    async read(probe) {
      const listing = await read(probe, { tool: 'slack_list_channels', args: { limit: 200 } });
      const channels = Array.isArray(listing.channels) ? (listing.channels as Array<{ is_member?: boolean }>) : [];
      const joined = channels.filter((channel) => channel.is_member).length;
      return { identity: `token reads ${channels.length} channel${channels.length === 1 ? '' : 's'} (the app is in ${joined})` };
    },
  },
  suggested: ({ env }) => anySet(env, ['SLACK_BOT_TOKEN', 'SLACK_USER_TOKEN']),
};

import { oneLine } from '@toolbridge/core';
import { defineResource } from '../define.js';
import { getChannelMessages } from '../tools/get-channel-messages.js';

export const channelsResource = defineResource({
  name: 'channels',
  title: 'Slack channels',
  description: 'The channels the app can see, one line each: #name, id, members, topic (from the cache).',
  uri: 'slack://channels',
  mimeType: 'text/markdown',
  read: async (_params, context) => {
    const { channels } = await context.services.directory.current();
    const lines = channels.map(
      (channel) =>
        `- #${channel.name} ${channel.id}${channel.is_private ? ' private' : ''}${channel.members === undefined ? '' : `, ${channel.members} members`}${channel.topic ? `: ${oneLine(channel.topic)}` : ''}`,
    );
    return `# Slack channels\n${lines.join('\n') || '(none)'}`;
  },
});

export const usersResource = defineResource({
  name: 'users',
  title: 'Slack users',
  description: 'The people of the workspace, one line each: @handle, id, name, title (from the cache; bots and deactivated users left out).',
  uri: 'slack://users',
  mimeType: 'text/markdown',
  read: async (_params, context) => {
    const { users } = await context.services.directory.current();
    const lines = users
      .filter((user) => !user.is_bot && !user.deleted)
      .map((user) => `- @${user.handle} ${user.id} ${oneLine(user.name)}${user.title ? `, ${oneLine(user.title)}` : ''}`);
    return `# Slack users\n${lines.join('\n') || '(none)'}`;
  },
});

export const channelMessagesResource = defineResource({
  name: 'channel-messages',
  title: 'Channel messages',
  description: 'The last 24 hours of a channel, as slack_get_channel_messages shows them.',
  uri: 'slack://channels/{channel}/messages',
  mimeType: 'application/json',
  complete: {
    channel: async (value, context) => {
      const prefix = value.replace(/^#/, '').toLowerCase();
      const { channels } = await context.services.directory.current();
      return channels
        .map((channel) => channel.name)
        .filter((name) => name.startsWith(prefix))
        .sort()
        .slice(0, 100);
    },
  },
  read: async ({ channel }, context) => JSON.stringify(await context.invoke(getChannelMessages, { channel: channel!, time_range: '24h' })),
});

export const resources = [channelsResource, usersResource, channelMessagesResource];

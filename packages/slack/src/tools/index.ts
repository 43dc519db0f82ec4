import { addReaction } from './add-reaction.js';
import { getChannelMessages } from './get-channel-messages.js';
import { getThreadReplies } from './get-thread-replies.js';
import { getUser } from './get-user.js';
import { getUsers } from './get-users.js';
import { listChannels } from './list-channels.js';
import { scheduleMessage } from './schedule-message.js';
import { searchMessages } from './search-messages.js';
import { sendMessage } from './send-message.js';
import { updateMessage } from './update-message.js';

/** Every tool of the server; each names its toolset (declared in index.ts). Writes exist only when enabled (lib/policy.ts). */
export const tools = [
  getChannelMessages,
  getThreadReplies,
  searchMessages,
  listChannels,
  getUsers,
  getUser,
  sendMessage,
  addReaction,
  updateMessage,
  scheduleMessage,
];

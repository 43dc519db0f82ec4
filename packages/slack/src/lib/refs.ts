import { InvalidInputError, NotFoundError } from '@toolbridge/core';
import * as z from 'zod';
import type { SlackAnswer } from '../client.js';
import type { SlackContext } from '../define.js';
import { type ApiUser, compactUser, type DirectoryChannel, type DirectoryUser, type Snapshot } from './directory.js';

// Checks live in refinements rather than JSON Schema keywords: the tool list is read by the model on every
// request, and the shape of a ts or the length of a name is told well enough by the error.
export const channelInput = z
  .string()
  .trim()
  .min(1)
  .refine((value) => value.length <= 100, 'expected a channel id (C0123…), #name or @handle')
  .describe('Channel id, #name, or @handle (DM)');

export const tsInput = z
  .string()
  .refine((value) => /^\d{9,11}\.\d{6}$/.test(value), 'expected a Slack message ts like 1700000000.000100')
  .describe('Message ts');

/** A conversation as a tool names it: its id, and a label for people (#name, or @handle for a DM). */
export interface Target {
  id: string;
  label: string;
  /** The #name of a channel. */
  name?: string;
  /** The other person of a DM. */
  user?: DirectoryUser;
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

const byName = (snapshot: Snapshot, name: string): DirectoryChannel | undefined => snapshot.channels.find((channel) => channel.name === name);
const byHandle = (snapshot: Snapshot, handle: string): DirectoryUser | undefined =>
  snapshot.users.find((user) => user.handle.toLowerCase() === handle || user.name.toLowerCase() === handle);

/** Looks a name up in the cache, refreshing it once (bounded) when the name is not there. */
async function lookUp<T>(context: SlackContext, find: (snapshot: Snapshot) => T | undefined): Promise<T | undefined> {
  const directory = context.services.directory;
  const found = find(await directory.current());
  if (found) return found;
  const fresh = await directory.refreshForUnknown();
  return fresh ? find(fresh) : undefined;
}

/** A user by id (U0123), @handle, display name or email. */
export async function resolveUser(context: SlackContext, reference: string): Promise<DirectoryUser> {
  const ref = reference.trim();
  if (USER_ID.test(ref)) {
    const known = (await context.services.directory.current()).users.find((user) => user.id === ref);
    if (known) return known;
    const { user } = await context.services.client.call<SlackAnswer & { user: ApiUser }>('users.info', { user: ref });
    return compactUser(user);
  }
  if (ref.includes('@') && !ref.startsWith('@')) {
    const { user } = await context.services.client.call<SlackAnswer & { user: ApiUser }>('users.lookupByEmail', { email: ref });
    return compactUser(user);
  }
  const handle = ref.replace(/^@/, '').toLowerCase();
  const user = await lookUp(context, (snapshot) => byHandle(snapshot, handle));
  if (!user) throw new NotFoundError(`no Slack user @${handle}`, { hint: 'Check the handle with slack_get_users, or pass the user id (U0123…) or email.' });
  return user;
}

/**
 * A conversation by id, #name or bare name, or a person (@handle, user id) whose DM is opened. Names
 * come from the cache; the id is what every method gets and what the write policy checks (a DM's
 * person is checked by `beforeOpeningDm`, so a refused DM is never opened).
 */
export async function resolveChannel(context: SlackContext, reference: string, options: { beforeOpeningDm?: (target: Target) => void } = {}): Promise<Target> {
  const ref = reference.trim();
  if (CHANNEL_ID.test(ref)) {
    const known = (await context.services.directory.current()).channels.find((channel) => channel.id === ref);
    return known ? { id: ref, label: `#${known.name}`, name: known.name } : { id: ref, label: ref };
  }
  if (ref.startsWith('@') || USER_ID.test(ref)) {
    const user = await resolveUser(context, ref);
    options.beforeOpeningDm?.({ id: user.id, label: `@${user.handle}`, user });
    const { channel } = await context.services.client.call<SlackAnswer & { channel: { id: string } }>('conversations.open', { users: user.id });
    return { id: channel.id, label: `@${user.handle}`, user };
  }
  const name = ref.replace(/^#/, '').toLowerCase();
  if (!/^[\w.-]+$/.test(name)) {
    throw new InvalidInputError(`"${reference}" is not a channel`, { hint: 'Pass a channel id (C0123…), #name, or @handle for a DM.' });
  }
  const channel = await lookUp(context, (snapshot) => byName(snapshot, name));
  if (!channel) {
    throw new NotFoundError(`no channel #${name} the app can see`, {
      hint: 'Check the name with slack_list_channels; a private channel shows once the app is invited to it. A channel id (C0123…) works too.',
    });
  }
  return { id: channel.id, label: `#${channel.name}`, name: channel.name };
}

/** Names for ids in answers (users and channels), from the cache: no request per message. */
export interface Names {
  user(id: string | undefined): string | undefined;
  channel(id: string): string | undefined;
}

export async function namesOf(context: SlackContext): Promise<Names> {
  const snapshot = await context.services.directory.current();
  const users = new Map(snapshot.users.map((user) => [user.id, user.name]));
  const channels = new Map(snapshot.channels.map((channel) => [channel.id, channel.name]));
  return {
    user: (id) => (id ? (users.get(id) ?? id) : undefined),
    channel: (id) => channels.get(id),
  };
}

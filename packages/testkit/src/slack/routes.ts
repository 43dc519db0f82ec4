import { cursorPage } from '../fake/pagination.js';
import { type FakeRequest, type FakeResponse, requestInput } from '../fake/request.js';
import type { Routes } from '../fake/router.js';
import { BOT_USER, type SlackChannel, type SlackMessage, type SlackState, type SlackUser } from './state.js';

export const slackError = (error: string, extra: Record<string, unknown> = {}): FakeResponse => ({ body: { ok: false, error, ...extra } });
const ok = (body: Record<string, unknown>): FakeResponse => ({ body: { ok: true, ...body } });

/** Who a request acts as: the bot (xoxb) or the installing user (xoxp, Ada). */
export interface Caller {
  kind: 'bot' | 'user';
  user: string;
  scopes: readonly string[] | undefined;
}

/** The scope each method needs (the first one Slack names in `needed`). */
const NEEDED: Record<string, string> = {
  'conversations.history': 'channels:history',
  'conversations.replies': 'channels:history',
  'conversations.list': 'channels:read',
  'users.list': 'users:read',
  'users.info': 'users:read',
  'users.lookupByEmail': 'users:read.email',
  'search.messages': 'search:read',
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.scheduleMessage': 'chat:write',
  'reactions.add': 'reactions:write',
  'conversations.open': 'im:write',
};

const publicUser = (user: SlackUser) => user;

function publicChannel(channel: SlackChannel) {
  const { members, ...rest } = channel;
  return { ...rest, num_members: members.length };
}

function publicMessage(message: SlackMessage, all: SlackMessage[]) {
  const { channel: _channel, unfurl_links: _links, unfurl_media: _media, reactions, ...rest } = message;
  const replies = message.thread_ts === message.ts ? all.filter((reply) => reply.thread_ts === message.ts && reply.ts !== message.ts) : [];
  return {
    type: 'message',
    ...rest,
    ...(reactions ? { reactions: reactions.map((reaction) => ({ ...reaction, count: reaction.users.length })) } : {}),
    ...(replies.length ? { reply_count: replies.length, latest_reply: replies.at(-1)!.ts } : {}),
  };
}

const newest = (a: SlackMessage, b: SlackMessage) => Number(b.ts) - Number(a.ts);

/** The Web API methods the servers use, over a seeded workspace. */
export function slackRoutes(state: SlackState, callerOf: (request: FakeRequest) => Caller): Routes {
  let clock = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(900_000 + ++clock).padStart(6, '0')}`;

  /** Runs a method after the scope check, with the caller. */
  const method =
    (name: string, handle: (request: FakeRequest, caller: Caller) => FakeResponse) =>
    (request: FakeRequest): FakeResponse => {
      const caller = callerOf(request);
      const needed = NEEDED[name];
      if (needed && caller.scopes && !caller.scopes.includes(needed)) {
        return slackError('missing_scope', { needed, provided: caller.scopes.join(',') });
      }
      return handle(request, caller);
    };

  /** A conversation the caller may read or post in: channel_not_found, not_in_channel as Slack says them. */
  const conversation = (request: FakeRequest, caller: Caller): SlackChannel | FakeResponse => {
    const id = requestInput(request, 'channel');
    const channel = state.channels.find((candidate) => candidate.id === id);
    const member = channel && (caller.kind === 'bot' ? channel.is_member : channel.members.includes(caller.user));
    if (!channel || (channel.is_private && !member)) return slackError('channel_not_found');
    if (!member) return slackError('not_in_channel');
    return channel;
  };
  const isAnswer = (value: SlackChannel | FakeResponse): value is FakeResponse => !('id' in value);

  const paged = <T>(request: FakeRequest, items: T[], key: string, size = 100): FakeResponse => {
    const page = cursorPage(request, items, { defaultSize: size });
    if (!page) return slackError('invalid_cursor');
    return ok({ [key]: page.items, has_more: Boolean(page.nextCursor), response_metadata: { next_cursor: page.nextCursor } });
  };

  const inRange = (request: FakeRequest) => {
    const oldest = Number(requestInput(request, 'oldest') ?? 0);
    const latest = Number(requestInput(request, 'latest') ?? Number.POSITIVE_INFINITY);
    return (message: SlackMessage) => Number(message.ts) >= oldest && Number(message.ts) <= latest;
  };

  const findMessage = (channel: SlackChannel, ts: string | undefined) => state.messages.find((message) => message.channel === channel.id && message.ts === ts);

  return {
    '* /auth.test': method('auth.test', (_request, caller) =>
      ok({
        url: 'https://acme.slack.com/',
        team: state.team.name,
        team_id: state.team.id,
        user: state.users.find((candidate) => candidate.id === caller.user)?.name,
        user_id: caller.user,
        ...(caller.kind === 'bot' ? { bot_id: 'B0BOT' } : {}),
      }),
    ),
    '* /conversations.list': method('conversations.list', (request, caller) => {
      const types = (requestInput(request, 'types') ?? 'public_channel').split(',');
      if (types.includes('private_channel') && caller.scopes && !caller.scopes.includes('groups:read')) {
        return slackError('missing_scope', { needed: 'groups:read', provided: caller.scopes.join(',') });
      }
      const excludeArchived = requestInput(request, 'exclude_archived') === 'true';
      const visible = state.channels.filter(
        (channel) =>
          (channel.is_im ? types.includes('im') : types.includes(channel.is_private ? 'private_channel' : 'public_channel')) &&
          (!channel.is_private || channel.is_member) &&
          !(excludeArchived && channel.is_archived),
      );
      return paged(request, visible.map(publicChannel), 'channels');
    }),
    '* /conversations.history': method('conversations.history', (request, caller) => {
      const channel = conversation(request, caller);
      if (isAnswer(channel)) return channel;
      const top = state.messages.filter((message) => message.channel === channel.id && (!message.thread_ts || message.thread_ts === message.ts));
      return paged(
        request,
        top
          .filter(inRange(request))
          .sort(newest)
          .map((message) => publicMessage(message, state.messages)),
        'messages',
      );
    }),
    '* /conversations.replies': method('conversations.replies', (request, caller) => {
      const channel = conversation(request, caller);
      if (isAnswer(channel)) return channel;
      const ts = requestInput(request, 'ts');
      const thread = state.messages.filter((message) => message.channel === channel.id && (message.ts === ts || message.thread_ts === ts));
      if (!thread.length) return slackError('thread_not_found');
      return paged(
        request,
        thread.sort((a, b) => Number(a.ts) - Number(b.ts)).map((message) => publicMessage(message, state.messages)),
        'messages',
      );
    }),
    '* /conversations.open': method('conversations.open', (request) => {
      const userId = requestInput(request, 'users');
      if (!state.users.some((candidate) => candidate.id === userId)) return slackError('user_not_found');
      const id = `D${userId}`;
      if (!state.channels.some((channel) => channel.id === id)) {
        state.channels.push({ id, is_im: true, is_member: true, user: userId!, created: Math.floor(Date.now() / 1000), members: [userId!, BOT_USER] });
      }
      return ok({ channel: { id } });
    }),
    '* /users.list': method('users.list', (request) => paged(request, state.users.map(publicUser), 'members')),
    '* /users.info': method('users.info', (request) => {
      const found = state.users.find((candidate) => candidate.id === requestInput(request, 'user'));
      return found ? ok({ user: publicUser(found) }) : slackError('user_not_found');
    }),
    '* /users.lookupByEmail': method('users.lookupByEmail', (request) => {
      const email = requestInput(request, 'email')?.toLowerCase();
      const found = state.users.find((candidate) => candidate.profile.email === email);
      return found ? ok({ user: publicUser(found) }) : slackError('users_not_found');
    }),
    '* /search.messages': method('search.messages', (request, caller) => {
      if (caller.kind === 'bot') return slackError('not_allowed_token_type');
      const words = (requestInput(request, 'query') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const matches = state.messages.filter((message) => {
        const channel = state.channels.find((candidate) => candidate.id === message.channel)!;
        if (!channel.members.includes(caller.user) && channel.is_private) return false;
        return words.every((word) => {
          if (word.startsWith('in:')) return `#${channel.name}` === word.slice(3) || channel.name === word.slice(3);
          if (word.startsWith('from:')) return state.users.find((candidate) => candidate.id === message.user)?.name === word.slice(5).replace(/^@/, '');
          return message.text.toLowerCase().includes(word);
        });
      });
      const count = Number(requestInput(request, 'count') ?? 20);
      const page = Number(requestInput(request, 'page') ?? 1);
      const pages = Math.max(1, Math.ceil(matches.length / count));
      const shown = matches.sort(newest).slice((page - 1) * count, page * count);
      return ok({
        query: requestInput(request, 'query'),
        messages: {
          total: matches.length,
          paging: { count, total: matches.length, page, pages },
          matches: shown.map((message) => {
            const channel = state.channels.find((candidate) => candidate.id === message.channel)!;
            return {
              ...publicMessage(message, state.messages),
              channel: { id: channel.id, name: channel.name },
              permalink: `https://acme.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`,
            };
          }),
        },
      });
    }),
    '* /chat.postMessage': method('chat.postMessage', (request, caller) => {
      const channel = conversation(request, caller);
      if (isAnswer(channel)) return channel;
      if (channel.is_archived) return slackError('is_archived');
      const text = requestInput(request, 'text') ?? '';
      if (!text && !requestInput(request, 'blocks')) return slackError('no_text');
      const threadTs = requestInput(request, 'thread_ts');
      if (threadTs && !findMessage(channel, threadTs)) return slackError('thread_not_found');
      const message: SlackMessage = {
        channel: channel.id,
        ts: nextTs(),
        user: caller.user,
        text,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...optional('unfurl_links', requestInput(request, 'unfurl_links')),
        ...optional('unfurl_media', requestInput(request, 'unfurl_media')),
      };
      state.messages.push(message);
      return ok({ channel: channel.id, ts: message.ts, message: { type: 'message', user: caller.user, text, ts: message.ts } });
    }),
    '* /chat.getPermalink': method('chat.getPermalink', (request, caller) => {
      const channel = conversation(request, caller);
      if (isAnswer(channel)) return channel;
      const message = findMessage(channel, requestInput(request, 'message_ts'));
      if (!message) return slackError('message_not_found');
      return ok({ channel: channel.id, permalink: `https://acme.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}` });
    }),
    '* /chat.update': method('chat.update', (request, caller) => {
      const channel = conversation(request, caller);
      if (isAnswer(channel)) return channel;
      const message = findMessage(channel, requestInput(request, 'ts'));
      if (!message) return slackError('message_not_found');
      if (message.user !== caller.user) return slackError('cant_update_message');
      message.text = requestInput(request, 'text') ?? message.text;
      message.edited = { user: caller.user, ts: nextTs() };
      return ok({ channel: channel.id, ts: message.ts, text: message.text });
    }),
    '* /chat.scheduleMessage': method('chat.scheduleMessage', (request, caller) => {
      const channel = conversation(request, caller);
      if (isAnswer(channel)) return channel;
      const postAt = Number(requestInput(request, 'post_at'));
      if (!(postAt > Date.now() / 1000)) return slackError('time_in_past');
      const scheduled = {
        id: `Q${String(state.scheduled.length + 1).padStart(4, '0')}`,
        channel: channel.id,
        text: requestInput(request, 'text') ?? '',
        post_at: postAt,
        ...optional('unfurl_links', requestInput(request, 'unfurl_links')),
        ...optional('unfurl_media', requestInput(request, 'unfurl_media')),
      };
      state.scheduled.push(scheduled);
      return ok({ channel: channel.id, scheduled_message_id: scheduled.id, post_at: postAt, message: { type: 'message', text: scheduled.text } });
    }),
    '* /reactions.add': method('reactions.add', (request, caller) => {
      const channel = conversation(request, caller);
      if (isAnswer(channel)) return channel;
      const message = findMessage(channel, requestInput(request, 'timestamp'));
      if (!message) return slackError('message_not_found');
      const name = requestInput(request, 'name')!;
      message.reactions ??= [];
      const reaction = message.reactions.find((candidate) => candidate.name === name);
      if (reaction?.users.includes(caller.user)) return slackError('already_reacted');
      if (reaction) reaction.users.push(caller.user);
      else message.reactions.push({ name, users: [caller.user] });
      return ok({});
    }),
  };
}

const optional = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, string>);

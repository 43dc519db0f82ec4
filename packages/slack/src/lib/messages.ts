import { compact, sanitizeUntrusted, tableOf, untrusted } from '@toolbridge/core';
import * as z from 'zod';
import type { Names } from './refs.js';
import { isoOf } from './time-range.js';

export interface ApiMessage {
  ts: string;
  user?: string;
  bot_id?: string;
  username?: string;
  subtype?: string;
  text?: string;
  thread_ts?: string;
  reply_count?: number;
  latest_reply?: string;
  reactions?: Array<{ name: string; count?: number }>;
  files?: Array<{ name?: string; title?: string }>;
  edited?: { ts?: string };
}

export const messageOutput = z.object({
  ts: z.string(),
  time: z.string(),
  user: z.string().optional(),
  text: z.string(),
  thread_ts: z.string().optional(),
  replies: z.number().optional(),
  reactions: z.array(z.string()).optional().describe('name×count'),
  files: z.array(z.string()).optional(),
  edited: z.boolean().optional(),
  subtype: z.string().optional(),
});

export type Message = z.input<typeof messageOutput>;

/** Messages as a list returns them: one row each. */
export const messageTable = tableOf(() => messageOutput);
/** Search matches: messages of any channel, with a link. */
export const matchTable = tableOf(() => messageOutput.extend({ channel: z.string(), permalink: z.string().optional() }));

/** Mentions as people read them: <@U1> → @ada, <#C1|general> → #general, <!here> → @here, <url|label> → label (url). */
export function readableText(text: string, names: Names): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_all, id: string) => `@${names.user(id) ?? id}`)
    .replace(/<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g, (_all, id: string, label?: string) => `#${label || names.channel(id) || id}`)
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1');
}

/** One message, compact: names resolved, counts instead of lists, the text fenced as untrusted. */
export function compactMessage(message: ApiMessage, names: Names, where: string): Message {
  const author = names.user(message.user) ?? message.username ?? message.bot_id;
  const text = readableText(message.text ?? '', names);
  return {
    ts: message.ts,
    time: isoOf(message.ts),
    // The author is in `user`; the fence names the channel only (one fence a message, kept short).
    text: text ? untrusted(text, `slack message in ${where}`) : '',
    ...compact({
      user: author,
      thread_ts: message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined,
      replies: message.reply_count || undefined,
      reactions: message.reactions?.length ? message.reactions.map((reaction) => `${reaction.name}×${reaction.count ?? 1}`) : undefined,
      files: message.files?.length ? message.files.map((file) => sanitizeUntrusted(file.name ?? file.title ?? 'file')) : undefined,
      edited: message.edited ? true : undefined,
      subtype: message.subtype,
    }),
  };
}

/** Keeps messages that mention any of the keywords (case-insensitive), in their readable text. */
export function matchesKeywords(message: ApiMessage, keywords: readonly string[], names: Names): boolean {
  if (!keywords.length) return true;
  const text = readableText(message.text ?? '', names).toLowerCase();
  return keywords.some((keyword) => text.includes(keyword.toLowerCase()));
}

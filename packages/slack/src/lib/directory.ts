import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, describeError, sanitizeUntrusted, sha256Hex, UpstreamError, writeCacheFile } from '@toolbridge/core';
import { apiUrlOf, type SlackAnswer, type SlackClient, tokensOf } from '../client.js';
import type { SlackContext } from '../define.js';
import { slackUpstream } from '../upstream.js';

export interface DirectoryUser {
  id: string;
  /** The @handle (Slack's `name`). */
  handle: string;
  /** What people see: the display name, else the real name, else the handle. */
  name: string;
  real_name?: string;
  title?: string;
  tz?: string;
  is_bot?: boolean;
  deleted?: boolean;
}

export interface DirectoryChannel {
  id: string;
  name: string;
  is_private?: boolean;
  members?: number;
  topic?: string;
}

export interface Snapshot {
  at: number;
  users: DirectoryUser[];
  channels: DirectoryChannel[];
}

/** A cache older than this is served while a fresh copy loads. */
const STALE_AFTER_MS = 15 * 60 * 1000;
/** An unknown #name refreshes the cache, but unknown names refresh it at most once within this time. */
const MIN_REFRESH_GAP_MS = 10 * 1000;
/** Pages of 200 read per list: the cache of a huge workspace stops there rather than at the call's deadline. */
const MAX_PAGES = 10;
const PAGE_SIZE = 200;

export interface ApiUser {
  id: string;
  name: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_admin?: boolean;
  tz?: string;
  profile?: { display_name?: string; real_name?: string; title?: string; email?: string; status_text?: string; status_emoji?: string };
}

export interface ApiChannel {
  id: string;
  name?: string;
  is_private?: boolean;
  is_im?: boolean;
  is_mpim?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
  user?: string;
  num_members?: number;
  topic?: { value?: string };
  purpose?: { value?: string };
}

// Names and titles are written by the people themselves: cleaned like any untrusted text (no fences needed).
export const compactUser = (user: ApiUser): DirectoryUser => ({
  id: user.id,
  handle: user.name,
  name: sanitizeUntrusted(user.profile?.display_name || user.profile?.real_name || user.real_name || user.name),
  ...(user.profile?.real_name || user.real_name ? { real_name: sanitizeUntrusted((user.profile?.real_name || user.real_name)!) } : {}),
  ...(user.profile?.title ? { title: sanitizeUntrusted(user.profile.title) } : {}),
  ...(user.tz ? { tz: user.tz } : {}),
  ...(user.is_bot ? { is_bot: true } : {}),
  ...(user.deleted ? { deleted: true } : {}),
});

export const compactChannel = (channel: ApiChannel): DirectoryChannel => ({
  id: channel.id,
  name: channel.name ?? channel.id,
  ...(channel.is_private ? { is_private: true } : {}),
  ...(channel.num_members === undefined ? {} : { members: channel.num_members }),
  ...(channel.topic?.value ? { topic: sanitizeUntrusted(channel.topic.value) } : {}),
});

async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next?: string | undefined }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, next } = await fetchPage(cursor);
    all.push(...items);
    if (!next) break;
    cursor = next;
  }
  return all;
}

type Listed<K extends string, T> = SlackAnswer & Record<K, T[]>;

async function loadUsers(client: SlackClient): Promise<DirectoryUser[]> {
  const users = await allPages(async (cursor) => {
    const answer = await client.call<Listed<'members', ApiUser>>('users.list', { limit: PAGE_SIZE, cursor });
    return { items: answer.members, next: answer.response_metadata?.next_cursor };
  });
  return users.map(compactUser);
}

async function loadChannels(client: SlackClient, types: string): Promise<DirectoryChannel[]> {
  const channels = await allPages(async (cursor) => {
    const answer = await client.call<Listed<'channels', ApiChannel>>('conversations.list', { types, exclude_archived: true, limit: PAGE_SIZE, cursor });
    return { items: answer.channels, next: answer.response_metadata?.next_cursor };
  });
  return channels.map(compactChannel);
}

/** Private channels need groups:read; a token without it still gets the public ones. */
async function loadChannelsAllowed(client: SlackClient): Promise<DirectoryChannel[]> {
  return loadChannels(client, 'public_channel,private_channel').catch((error: unknown) => {
    if (error instanceof UpstreamError && error.code === 'missing_scope') return loadChannels(client, 'public_channel');
    throw error;
  });
}

/**
 * The workspace's users and channels (the `directory` service), for names in answers and `#name`/`@handle`
 * arguments: in memory and in core's cache dir (mode 0600, one file per team), never loaded before the
 * tool list. A stale copy is served while a fresh one loads; a `#name` it lacks triggers one refresh.
 */
export class Directory {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  /** When an unknown name last refreshed the cache (a model trying names must not reload the workspace each time). */
  private lastUnknownAt = 0;

  constructor(
    private readonly context: SlackContext,
    private readonly file: string | undefined,
  ) {
    this.snapshot = file ? readSnapshot(file) : undefined;
  }

  /** The cache as it is, loading it first only when there is none; a stale one is refreshed behind the answer. */
  async current(): Promise<Snapshot> {
    const known = this.snapshot;
    if (!known) return this.refresh();
    if (Date.now() - known.at > STALE_AFTER_MS) void this.refresh().catch(() => undefined);
    return known;
  }

  /** Loads both lists (one load at a time); the fresh copy replaces the old one in memory and on disk. */
  refresh(): Promise<Snapshot> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** Refreshes for a name the cache lacks, unless a refresh just happened: at most one per lookup. */
  async refreshForUnknown(): Promise<Snapshot | undefined> {
    if (this.loading) return this.loading;
    if (Date.now() - this.lastUnknownAt < MIN_REFRESH_GAP_MS) return undefined;
    this.lastUnknownAt = Date.now();
    return this.refresh();
  }

  /** Loads the cache after the tool list when there is none or it is stale (start()'s idle work). */
  async warm(): Promise<void> {
    if (this.snapshot && Date.now() - this.snapshot.at <= STALE_AFTER_MS) return;
    await this.refresh().catch((error: unknown) => {
      this.context.logger.warning(`could not load Slack's users and channels (${describeError(error, slackUpstream)}); names load at the first call`);
    });
  }

  private async load(): Promise<Snapshot> {
    const client = this.context.services.client;
    const [users, channels] = await Promise.all([loadUsers(client), loadChannelsAllowed(client)]);
    const snapshot: Snapshot = { at: Date.now(), users, channels };
    this.snapshot = snapshot;
    if (this.file) writeSnapshot(this.file, snapshot);
    return snapshot;
  }
}

/** The cache file of this workspace: by SLACK_TEAM_ID, else by a hash of the API URL and token (never the token). */
export function directoryFile(context: SlackContext): string | undefined {
  const tokens = tokensOf(context);
  const team = context.settings.teamId ?? sha256Hex(`${apiUrlOf(context.settings)}\n${tokens.bot ?? tokens.user ?? ''}`, 24);
  try {
    return join(cacheDir(context.env), `slack-directory-${team}.json`);
  } catch {
    return undefined; // nowhere to keep it: memory only
  }
}

function readSnapshot(file: string): Snapshot | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    return Array.isArray(parsed.users) && Array.isArray(parsed.channels) && typeof parsed.at === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Only a cache: if it cannot be written, the next start loads the directory again. */
function writeSnapshot(file: string, snapshot: Snapshot): void {
  writeCacheFile(file, JSON.stringify(snapshot));
}

import { ConfigError, InvalidInputError, isLoopback, type ServerContext } from '@toolbridge/core';
import type { SlackSettings } from './settings.js';

/** Which token a method takes: the bot's (preferred), or the user's (search.messages has no bot variant). */
export type TokenKind = 'bot' | 'user';

/** Arguments of a Web API method; undefined ones are left out, objects and arrays go as JSON text (blocks). */
export type SlackArgs = Record<string, string | number | boolean | object | undefined>;

/** Slack's answer envelope; `ok: false` answers never reach callers (the adapter turns them into errors). */
export interface SlackAnswer {
  ok: true;
  response_metadata?: { next_cursor?: string };
}

export interface SlackClient {
  /** POSTs a Web API method with form-encoded arguments, as Slack's own client does. */
  call<T extends SlackAnswer>(method: string, args?: SlackArgs, token?: TokenKind): Promise<T>;
  readonly hasUserToken: boolean;
}

export interface SlackTokens {
  bot: string | undefined;
  user: string | undefined;
}

/** SLACK_BOT_TOKEN / SLACK_USER_TOKEN, else the token `toolbridge login slack` stored. */
export const slackCredential = { service: 'slack', title: 'Slack', env: ['SLACK_BOT_TOKEN', 'SLACK_USER_TOKEN'] } as const;

/** The tokens from the environment; without either, the stored one, a user token when it says so (xoxp-). */
export function tokensOf(context: Pick<ServerContext, 'env' | 'credentials'>): SlackTokens {
  const { env } = context;
  if (env.SLACK_BOT_TOKEN || env.SLACK_USER_TOKEN) return { bot: env.SLACK_BOT_TOKEN || undefined, user: env.SLACK_USER_TOKEN || undefined };
  const stored = context.credentials.peek()?.token;
  if (!stored) return { bot: undefined, user: undefined };
  return stored.startsWith('xoxp-') ? { bot: undefined, user: stored } : { bot: stored, user: undefined };
}

/** The Web API's base URL, ending in a slash; https only, but for loopback (tests). */
export function apiUrlOf(settings: SlackSettings): string {
  const url = new URL(settings.apiUrl);
  if (url.protocol !== 'https:' && !isLoopback(url.hostname)) {
    throw new InvalidInputError(`SLACK_API_URL must use https (plain http only for loopback), got ${url.origin}`, {
      hint: 'Set SLACK_API_URL to https://slack.com/api/ (or your GovSlack API URL).',
    });
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** Methods an org-wide app must give a workspace (SLACK_TEAM_ID) as team_id. */
const TEAM_METHODS = new Set(['conversations.list', 'users.list', 'search.messages']);

function formBody(args: SlackArgs): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    form.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return form;
}

/**
 * The Slack client (the `client` service): one form-encoded POST per method through core's sandboxed
 * fetch, so core owns rate limits, retries, the deadline and the reading of `ok: false` (see upstream.ts).
 * Without a token it fails with what to set; the server still starts and lists its tools.
 */
export function createClient(context: ServerContext<SlackSettings>): SlackClient {
  const tokens = tokensOf(context);
  if (!tokens.bot && !tokens.user) {
    throw new ConfigError('SLACK_BOT_TOKEN', 'no Slack token is set', {
      hint: 'Set SLACK_BOT_TOKEN (xoxb-…) and/or SLACK_USER_TOKEN (xoxp-…; search needs it), or run `toolbridge login slack` once, and restart the server.',
    });
  }
  const base = apiUrlOf(context.settings);
  const teamId = context.settings.teamId;
  const tokenFor = (kind: TokenKind): string => {
    if (kind === 'user') {
      if (tokens.user) return tokens.user;
      throw new ConfigError('SLACK_USER_TOKEN', 'this method takes a user token, and only a bot token is set', {
        hint: "Slack's search.messages works with a user token only: set SLACK_USER_TOKEN (xoxp-…, scope search:read) and restart the server.",
      });
    }
    return (tokens.bot ?? tokens.user)!;
  };
  return {
    hasUserToken: Boolean(tokens.user),
    async call<T extends SlackAnswer>(method: string, args: SlackArgs = {}, token: TokenKind = 'bot') {
      const { data } = await context.http.json<T>(`${base}${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokenFor(token)}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody(teamId && TEAM_METHODS.has(method) ? { ...args, team_id: teamId } : args).toString(),
      });
      return data;
    },
  };
}

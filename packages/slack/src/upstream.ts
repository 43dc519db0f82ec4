import { type Classification, classifyStatus, type FailureKind, retryAfterMs, type UpstreamAdapter, UpstreamError } from '@toolbridge/core';

interface SlackEnvelope {
  ok?: boolean;
  error?: string;
  /** missing_scope: the scope the method needs, and those the token has. */
  needed?: string;
  provided?: string;
}

const KINDS: Record<string, FailureKind> = {
  not_authed: 'auth',
  invalid_auth: 'auth',
  token_revoked: 'auth',
  token_expired: 'auth',
  account_inactive: 'auth',
  missing_scope: 'forbidden',
  not_in_channel: 'forbidden',
  not_allowed_token_type: 'forbidden',
  restricted_action: 'forbidden',
  cant_update_message: 'forbidden',
  is_archived: 'forbidden',
  channel_not_found: 'not_found',
  user_not_found: 'not_found',
  users_not_found: 'not_found',
  message_not_found: 'not_found',
  thread_not_found: 'not_found',
  ratelimited: 'rate_limited',
  already_reacted: 'conflict',
  internal_error: 'unavailable',
  fatal_error: 'unavailable',
  service_unavailable: 'unavailable',
  request_timeout: 'unavailable',
};

const HINTS: Record<string, string> = {
  not_in_channel: 'Invite the app to the channel (type /invite @your-app in it), or use SLACK_USER_TOKEN for channels you are in.',
  not_allowed_token_type: 'This method takes the other kind of token: search needs SLACK_USER_TOKEN (xoxp-…).',
  channel_not_found:
    'Check the channel id or #name (slack_list_channels); a private channel is visible only once the app is invited, and DMs need the im:read scope.',
  user_not_found: 'Check the user id, @handle or email (slack_get_users).',
  users_not_found: 'No user has that email, or the token lacks users:read.email.',
  message_not_found: 'Check the ts: it is the message timestamp as slack_get_channel_messages returns it (e.g. 1700000000.000100).',
  thread_not_found: 'Check thread_ts: the ts of the thread’s first message.',
  cant_update_message: 'Slack lets an app edit only the messages it posted itself.',
  is_archived: 'The channel is archived: unarchive it or post elsewhere.',
  restricted_action: 'A workspace setting forbids this action for the app.',
  already_reacted: 'The reaction is already there.',
  token_revoked: 'The token was revoked (app uninstalled or token rotated): reinstall the app and set the new token.',
  token_expired: 'The token expired (token rotation is on): set a fresh token.',
};

function scopeHint(body: SlackEnvelope): string {
  const needed = body.needed ? `the ${body.needed} scope` : 'a scope it lacks';
  const provided = body.provided ? ` (it has ${body.provided})` : '';
  return `The token needs ${needed}${provided}: add it under OAuth & Permissions in the app's settings, reinstall the app, and set the new token.`;
}

/**
 * Slack reports failures inside a 200 as `{"ok": false, "error": "not_in_channel"}`, and rate limits as a
 * 429 with Retry-After (sometimes as `ratelimited` in the envelope). Each code gets its kind and its fix.
 */
export const slackUpstream: UpstreamAdapter = {
  service: 'Slack',
  credential: 'the token in SLACK_BOT_TOKEN or SLACK_USER_TOKEN',
  hints: {
    auth: 'Check SLACK_BOT_TOKEN (xoxb-…) or SLACK_USER_TOKEN (xoxp-…): copy it again from the app’s OAuth & Permissions page, and reinstall the app if it was revoked.',
    bad_answer: "SLACK_API_URL may point at a web page rather than Slack's Web API: set it to https://slack.com/api/ (or your GovSlack API URL).",
  },
  classify(answer): Classification | undefined {
    const verdict = classifyStatus(answer);
    if (answer.status >= 400) return verdict.kind === 'rate_limited' ? { ...verdict, code: 'ratelimited', message: 'ratelimited' } : verdict;
    const body = answer.json() as SlackEnvelope | undefined;
    if (!body || typeof body !== 'object' || body.ok !== false) return undefined;
    const code = typeof body.error === 'string' ? body.error : 'unknown_error';
    const kind = KINDS[code] ?? 'bad_input';
    const hint = code === 'missing_scope' ? scopeHint(body) : HINTS[code];
    const waitMs = kind === 'rate_limited' ? retryAfterMs(answer.headers) : undefined;
    return { kind, code, message: code, ...(hint ? { hint } : {}), ...(waitMs === undefined ? {} : { waitMs }) };
  },
  // An `ok: false` envelope comes with HTTP 200: "Slack returned 200" would mislead, so its status is dropped.
  toError(error) {
    if (!(error instanceof UpstreamError) || error.status !== 200) return undefined;
    return new UpstreamError(error.service, undefined, error.message, {
      kind: error.kind,
      ...(error.code ? { code: error.code } : {}),
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    });
  },
};

import { presentedToken, tokenAuth } from '../fake/auth.js';
import type { Fault } from '../fake/faults.js';
import { loadOpenApi } from '../fake/openapi.js';
import type { FakeRequest } from '../fake/request.js';
import { type FakeUpstream, startFake } from '../fake/server.js';
import { apiSpecFile } from '../specs.js';
import { type Caller, slackError, slackRoutes } from './routes.js';
import { BOT_USER, createSlackState, type SlackState } from './state.js';

export type { Caller } from './routes.js';
export { BOT_USER, createSlackState, type SlackChannel, type SlackMessage, type SlackState, type SlackUser } from './state.js';

/** Methods that take team_id (an org-wide app's workspace) in Slack's current documentation. */
export const TEAM_METHODS = ['conversations.list', 'users.list', 'search.messages'];

/** Slack's published description (2021), read the way every fake reads one (loaded once, shared). */
export const slackApi = () =>
  loadOpenApi(apiSpecFile('slack/slack_web_openapi_v2.json'), {
    name: "Slack's Web API",
    anyMethod: true, // Slack takes GET or POST, query, form or JSON, for every method
    credentialParameters: ['token'], // the auth check reads it (Bearer header or token argument)
    // Org-wide apps name the workspace; Slack documents team_id on these since the 2021 description.
    laterParameters: Object.fromEntries(TEAM_METHODS.map((method) => [`/${method}`, ['team_id']])),
  });

export const FAKE_SLACK_BOT_TOKEN = 'xoxb-0000000000-0000000000000-fakeBotTokenForToolbridgeTests';
export const FAKE_SLACK_USER_TOKEN = 'xoxp-0000000000-0000000000-0000000000000-fakeUserTokenForToolbridgeTests';

export interface FakeSlackOptions {
  botToken?: string;
  userToken?: string;
  /** The scopes the tokens have; unset, every scope (methods then never answer missing_scope). */
  scopes?: string[];
  state?: SlackState;
  /** Check every request against Slack's description (default true); false serves unchecked (the demo without TOOLBRIDGE_API_SPECS). */
  validate?: boolean;
}

export interface FakeSlack extends FakeUpstream {
  /** What SLACK_API_URL should be: the origin plus /api/. */
  apiUrl: string;
  state: SlackState;
  /** Requests to one method (e.g. "chat.postMessage"), with their arguments. */
  calls(method: string): FakeRequest[];
}

/** A 429 as Slack sends it: Retry-After in seconds and `ratelimited` in the envelope. */
export function slackRateLimit(retryAfterSeconds = 1, method?: string): Fault {
  return {
    ...(method ? { path: `/${method}` } : {}),
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: { ok: false, error: 'ratelimited' },
  };
}

/**
 * A fake Slack Web API under /api: Bearer (or token argument) auth with a bot and a user token, every
 * request checked against Slack's description, `ok`/`error` envelopes, cursor pagination, and a seeded
 * workspace (createSlackState()).
 */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const state = options.state ?? createSlackState();
  const botToken = options.botToken ?? FAKE_SLACK_BOT_TOKEN;
  const userToken = options.userToken ?? FAKE_SLACK_USER_TOKEN;
  const callerOf = (request: FakeRequest): Caller => {
    const token = presentedToken(request, { parameter: 'token' });
    return token === userToken ? { kind: 'user', user: 'U001', scopes: options.scopes } : { kind: 'bot', user: BOT_USER, scopes: options.scopes };
  };
  const fake = await startFake({
    basePath: '/api',
    auth: tokenAuth({ tokens: [botToken, userToken], parameter: 'token', missing: slackError('not_authed'), invalid: slackError('invalid_auth') }),
    ...(options.validate === false
      ? {}
      : {
          openapi: {
            description: slackApi(),
            invalid: () => slackError('invalid_arguments'),
            checkResponses: false, // the 2021 description's answer schemas predate response_metadata
          },
        }),
    notFound: () => slackError('unknown_method'),
    routes: slackRoutes(state, callerOf),
  });
  return {
    ...fake,
    apiUrl: `${fake.url}/api/`,
    state,
    calls: (method) => fake.requests.filter((request) => request.path === `/api/${method}`),
  };
}

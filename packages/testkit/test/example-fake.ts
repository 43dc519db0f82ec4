// The README's example of a new fake, kept here so a test proves it works as written.
import { apiSpecFile, cursorPage, type FakeResponse, loadOpenApi, requestInput, startFake, tokenAuth } from '../src/index.js';

/** Slack's description, read the way every fake reads one (loaded once, shared by every fake started). */
export const slackApi = () =>
  loadOpenApi(apiSpecFile('slack/slack_web_openapi_v2.json'), {
    name: "Slack's Web API",
    anyMethod: true, // Slack takes GET or POST, query, form or JSON, for every method
    credentialParameters: ['token'], // the auth check below reads it, not the description
  });

/** The seeded world: what the fake is mostly made of. */
export function createChatState() {
  return {
    channels: [
      { id: 'C001', name: 'general', is_channel: true, created: 1_700_000_000 },
      { id: 'C002', name: 'random', is_channel: true, created: 1_700_000_100 },
      { id: 'C003', name: 'deploys', is_channel: true, created: 1_700_000_200 },
    ],
    messages: [] as Array<{ channel: string; text: string; ts: string }>,
  };
}

const slackError = (error: string): FakeResponse => ({ body: { ok: false, error } });

export async function startFakeChat(options: { token?: string } = {}) {
  const state = createChatState();
  const fake = await startFake({
    basePath: '/api',
    auth: tokenAuth({
      tokens: options.token ?? 'xoxb-test',
      parameter: 'token', // or Authorization: Bearer …
      missing: slackError('not_authed'),
      invalid: slackError('invalid_auth'),
    }),
    openapi: {
      description: slackApi(),
      invalid: () => slackError('invalid_arguments'),
      checkResponses: false, // the 2021 description's answer schemas predate response_metadata
    },
    routes: {
      '* /conversations.list': (request) => {
        const page = cursorPage(request, state.channels);
        if (!page) return slackError('invalid_cursor');
        return { body: { ok: true, channels: page.items, response_metadata: { next_cursor: page.nextCursor } } };
      },
      '* /chat.postMessage': (request) => {
        const channel = requestInput(request, 'channel')!;
        if (!state.channels.some((candidate) => candidate.id === channel)) return slackError('channel_not_found');
        const message = { channel, text: requestInput(request, 'text') ?? '', ts: `${1_700_000_300 + state.messages.length}.000100` };
        state.messages.push(message);
        return { body: { ok: true, channel, ts: message.ts, message: { type: 'message', text: message.text, ts: message.ts } } };
      },
    },
  });
  return { ...fake, state };
}

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { htmlPage } from '../src/index.js';
import { slackApi, startFakeChat } from './example-fake.js';

type Fake = Awaited<ReturnType<typeof startFakeChat>>;
let fake: Fake | undefined;
beforeAll(() => void slackApi());
afterEach(async () => fake?.close());

// Slack's answers, loosely: each test reads the fields it asserts on.
// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field in assertions.
type Answer = any;
const call = async (method: string, init: RequestInit & { query?: string } = {}): Promise<Answer> => {
  const response = await fetch(`${fake!.url}/api/${method}${init.query ? `?${init.query}` : ''}`, init);
  return response.headers.get('content-type')?.includes('json') ? response.json() : response.text();
};
const bearer = { authorization: 'Bearer xoxb-test' };

describe("the README's example fake", () => {
  it('pages channels with cursors, posts a message by form or JSON, and records no problem', async () => {
    fake = await startFakeChat();
    const first = await call('conversations.list', { headers: bearer, query: 'limit=2' });
    expect(first.channels.map((channel: { name: string }) => channel.name)).toEqual(['general', 'random']);
    const second = await call('conversations.list', {
      method: 'POST',
      body: new URLSearchParams({ token: 'xoxb-test', cursor: first.response_metadata.next_cursor }),
    });
    expect(second).toMatchObject({ ok: true, channels: [{ name: 'deploys' }], response_metadata: { next_cursor: '' } });
    const posted = await call('chat.postMessage', {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: '{"channel":"C003","text":"shipped"}',
    });
    expect(posted).toMatchObject({ ok: true, channel: 'C003', message: { text: 'shipped' } });
    expect(fake.state.messages).toEqual([{ channel: 'C003', text: 'shipped', ts: posted.ts }]);
    expect(fake.requests.map((request) => request.method)).toEqual(['GET', 'POST', 'POST']);
    expect(fake.problems).toEqual([]);
  });

  it('answers like Slack when the token or the arguments are wrong, and records the departures', async () => {
    fake = await startFakeChat();
    expect(await call('conversations.list')).toEqual({ ok: false, error: 'not_authed' });
    expect(await call('conversations.list', { query: 'token=xoxb-other' })).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await call('chat.postMessage', { method: 'POST', headers: bearer, body: new URLSearchParams({ text: 'where?' }) })).toEqual({
      ok: false,
      error: 'invalid_arguments',
    });
    expect(fake.problems).toEqual(['POST /chat.postMessage: missing required argument channel']);
  });

  it('misbehaves on demand', async () => {
    fake = await startFakeChat();
    fake.queue({ ...htmlPage(), path: '/conversations.list' });
    expect(await call('conversations.list', { headers: bearer })).toContain('<!DOCTYPE html>');
    fake.rateLimit({ limit: 0, windowMs: 30_000 });
    const limited = await fetch(`${fake.url}/api/conversations.list`, { headers: bearer });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '30']);
  });
});

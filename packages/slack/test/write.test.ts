import { afterEach, describe, expect, it } from 'vitest';
import { openSession, type Session } from './support/session.js';

const WRITES = ['slack_add_reaction', 'slack_schedule_message', 'slack_send_message', 'slack_update_message'];

describe('write tools', () => {
  let session: Session | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });
  const names = async () => (await session!.server.client.listTools()).tools.map((tool) => tool.name).sort();

  it('are absent by default', async () => {
    session = await openSession();
    const listed = await names();
    expect(listed).toHaveLength(6);
    expect(listed.filter((name) => WRITES.includes(name))).toEqual([]);
  });

  it('appear with SLACK_ALLOW_WRITE or an explicit --role developer, not with --tools alone', async () => {
    session = await openSession({ env: { SLACK_ALLOW_WRITE: 'true' } });
    expect((await names()).filter((name) => WRITES.includes(name))).toEqual(WRITES);
    await session.close();
    session = await openSession({ args: ['--role', 'developer'] });
    expect((await names()).filter((name) => WRITES.includes(name))).toEqual(WRITES);
    await session.close();
    session = await openSession({ args: ['--tools', 'slack_send_message,slack_get_user'] });
    expect(await names()).toEqual(['slack_get_user']);
    expect(session.server.stderr()).toContain('slack_send_message stay hidden: writes are off (set SLACK_ALLOW_WRITE=true or --role developer)');
  });

  it('post to an allowed channel with link previews off, and return ts and permalink', async () => {
    session = await openSession({ env: { SLACK_ALLOW_WRITE: 'true', SLACK_WRITE_CHANNELS: '#deploys,C002' } });
    const posted = await session.ok('slack_send_message', { channel: '#deploys', text: 'Deployed *web* 2.4.1: <https://example.com|notes>' });
    expect(posted).toMatchObject({ channel: '#deploys', channel_id: 'C003' });
    expect(posted.permalink).toBe(`https://acme.slack.com/archives/C003/p${posted.ts.replace('.', '')}`);
    const reply = await session.ok('slack_send_message', { channel: 'C003', text: 'Rolled back.', thread_ts: posted.ts });
    expect(reply.thread_ts).toBe(posted.ts);
    const [first, second] = session.fake.calls('chat.postMessage').map((request) => request.form);
    for (const form of [first, second]) expect([form?.get('unfurl_links'), form?.get('unfurl_media')]).toEqual(['false', 'false']);
    expect(session.fake.state.messages.filter((message) => message.channel === 'C003').map((message) => message.unfurl_links)).toEqual([
      undefined,
      'false',
      'false',
    ]);
    expect(session.fake.problems).toEqual([]);
  });

  it('refuse a channel outside SLACK_WRITE_CHANNELS, by #name, id or DM, also when enabled with --tools', async () => {
    session = await openSession({
      env: { SLACK_ALLOW_WRITE: 'true', SLACK_WRITE_CHANNELS: '#deploys' },
      args: ['--tools', 'slack_send_message,slack_add_reaction,slack_update_message,slack_schedule_message'],
    });
    for (const channel of ['#general', 'C001', 'general', '@ada']) {
      const refused = await session.fails('slack_send_message', { channel, text: 'hello' });
      expect(refused).toContain('refused by SLACK_WRITE_CHANNELS');
      expect(refused).toContain('it allows #deploys');
    }
    const ts = session.fake.state.messages[0]!.ts;
    expect(await session.fails('slack_add_reaction', { channel: 'C001', ts, name: 'eyes' })).toContain('refused by SLACK_WRITE_CHANNELS');
    expect(await session.fails('slack_update_message', { channel: 'C001', ts, text: 'x' })).toContain('refused by SLACK_WRITE_CHANNELS');
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect(await session.fails('slack_schedule_message', { channel: '#general', text: 'x', post_at: later })).toContain('refused by SLACK_WRITE_CHANNELS');
    expect(session.fake.calls('chat.postMessage')).toEqual([]);
    expect(session.fake.calls('conversations.open')).toEqual([]);
    expect(session.fake.calls('reactions.add')).toEqual([]);
    expect(session.fake.calls('chat.update')).toEqual([]);
    expect(session.fake.calls('chat.scheduleMessage')).toEqual([]);
  });

  it('refuse every channel when SLACK_WRITE_CHANNELS is empty; * allows all, DMs by @handle', async () => {
    session = await openSession({ env: { SLACK_ALLOW_WRITE: 'true' } });
    expect(await session.fails('slack_send_message', { channel: '#general', text: 'hi' })).toContain('it is empty, so no channel is allowed');
    await session.close();
    session = await openSession({ env: { SLACK_ALLOW_WRITE: 'true', SLACK_WRITE_CHANNELS: '*' } });
    expect(await session.ok('slack_send_message', { channel: '@grace', text: 'hi' })).toMatchObject({ channel: '@grace', channel_id: 'DU002' });
  });

  it('refuse broadcasts unless SLACK_ALLOW_BROADCAST', async () => {
    session = await openSession({ env: { SLACK_ALLOW_WRITE: 'true', SLACK_WRITE_CHANNELS: '*' } });
    for (const text of ['@here deploy done', 'Heads up <!channel>', 'hi <!everyone|everyone>']) {
      expect(await session.fails('slack_send_message', { channel: '#general', text })).toContain('refused by SLACK_ALLOW_BROADCAST');
    }
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '<!here> done' } }];
    expect(await session.fails('slack_send_message', { channel: '#general', text: 'done', blocks })).toContain('refused by SLACK_ALLOW_BROADCAST');
    expect(await session.ok('slack_send_message', { channel: '#general', text: 'mail me at ops@here.com' })).toHaveProperty('ts');
    await session.close();
    session = await openSession({ env: { SLACK_ALLOW_WRITE: 'true', SLACK_WRITE_CHANNELS: '*', SLACK_ALLOW_BROADCAST: 'true' } });
    expect(await session.ok('slack_send_message', { channel: '#general', text: '@here deploy done' })).toHaveProperty('ts');
  });

  it('react, edit own messages only, and schedule with previews off', async () => {
    session = await openSession({ env: { SLACK_ALLOW_WRITE: 'true', SLACK_WRITE_CHANNELS: '#general,#deploys' } });
    const { ts } = await session.ok('slack_send_message', { channel: '#general', text: 'Draft' });
    expect(await session.ok('slack_add_reaction', { channel: '#general', ts, name: ':white_check_mark:' })).toEqual({
      channel: '#general',
      ts,
      reaction: 'white_check_mark',
    });
    expect(await session.ok('slack_update_message', { channel: '#general', ts, text: 'Final' })).toEqual({ channel: '#general', channel_id: 'C001', ts });
    expect(session.fake.state.messages.find((message) => message.ts === ts)?.text).toBe('Final');
    const theirs = session.fake.state.messages[0]!.ts;
    const refused = await session.fails('slack_update_message', { channel: '#general', ts: theirs, text: 'hijack' });
    expect(refused).toContain('cant_update_message');
    expect(refused).toContain('only the messages it posted');
    const postAt = Math.floor(Date.now() / 1000) + 7200;
    const scheduled = await session.ok('slack_schedule_message', { channel: '#deploys', text: 'Deploy freeze starts', post_at: String(postAt) });
    expect(scheduled).toMatchObject({ channel: '#deploys', scheduled_message_id: 'Q0001', post_at: new Date(postAt * 1000).toISOString().replace('.000', '') });
    expect(session.fake.state.scheduled[0]).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
    expect(await session.fails('slack_schedule_message', { channel: '#deploys', text: 'x', post_at: '2001-01-01T00:00:00Z' })).toContain('in the future');
    expect(session.fake.problems).toEqual([]);
  });
});

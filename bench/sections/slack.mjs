// Slack figures against testkit's fake Slack on 127.0.0.1: slack_get_channel_messages on a cold process
// (the users/channels cache loads with it) and warm (names from the cache), with the requests each makes.
import { performance } from 'node:perf_hooks';
import { firstLine, openSession } from '../lib/session.mjs';
import { median, percentile } from '../lib/stats.mjs';
import { coreBenchConfig } from './call-overhead.mjs';

const TESTKIT = '../../packages/testkit/dist/index.js';

/**
 * The fake Slack accepting the bench's bot token, or undefined when testkit or the API descriptions
 * are missing (the servers are then pointed at a closed loopback port: nothing leaves the machine).
 */
export async function startSlackFake(botToken, log) {
  try {
    const testkit = await import(TESTKIT);
    if (typeof testkit.startFakeSlack !== 'function') return undefined;
    return await testkit.startFakeSlack({ botToken });
  } catch (error) {
    log(`fake Slack unavailable: ${firstLine(error.message)}`);
    return undefined;
  }
}

/** A Slack API URL that refuses connections, for servers that would otherwise reach slack.com. */
export const CLOSED_SLACK_URL = 'http://127.0.0.1:9/api/';

async function timed(session, fake, name, args) {
  const before = fake.requests.length;
  const sent = performance.now();
  const outcome = await session.callTool(name, args);
  if (outcome.isError) throw new Error(`${name}: ${firstLine(outcome.text)}`);
  return { ms: outcome.at - sent, requests: fake.requests.length - before };
}

/** slack_get_channel_messages: the first call of a fresh process (empty cache dir), then `calls` more. */
export async function measureSlack(target, fake, { calls }, log) {
  if (!fake) return { error: 'the fake Slack could not start (testkit not built, or TOOLBRIDGE_API_SPECS unset)' };
  const extraArgs = ['--config', await coreBenchConfig()];
  const env = {
    ...target.env,
    SLACK_API_URL: fake.apiUrl,
    TOOLBRIDGE_CACHE_TTL: '0',
    TOOLBRIDGE_CACHE_DIR: `${target.env.TOOLBRIDGE_CACHE_DIR}/slack-${Date.now()}`,
  };
  const opened = await openSession({ ...target, env }, { extraArgs });
  try {
    const args = { channel: '#general', time_range: '7d' };
    const first = await timed(opened.session, fake, 'slack_get_channel_messages', args);
    const samples = [];
    let requests = 0;
    for (let index = 0; index < calls; index++) {
      const call = await timed(opened.session, fake, 'slack_get_channel_messages', args);
      samples.push(call.ms);
      requests += call.requests;
    }
    const out = { first, warm: { count: calls, median: median(samples), p90: percentile(samples, 90), requestsPerCall: requests / calls } };
    log(`slack: get_channel_messages first ${first.ms.toFixed(1)} ms (${first.requests} requests), warm median ${out.warm.median.toFixed(1)} ms`);
    return out;
  } finally {
    await opened.session.close();
  }
}

// Sentry figures against testkit's fake Sentry on 127.0.0.1: sentry_get_error_details latency (two
// requests: the issue and its latest event), and what opt-in telemetry costs once it has something to
// report (@sentry/node loads at the first failure, in its own chunk).
import { performance } from 'node:perf_hooks';
import { firstLine, openSession } from '../lib/session.mjs';
import { median, percentile } from '../lib/stats.mjs';
import { coreBenchConfig } from './call-overhead.mjs';

const TESTKIT = '../../packages/testkit/dist/index.js';
const TOKEN = 'sntrys_benchFakeToken000000000000';

async function timedCalls(session, name, args, count) {
  const samples = [];
  for (let index = 0; index < count; index++) {
    const sent = performance.now();
    const outcome = await session.callTool(name, args);
    if (outcome.isError) throw new Error(`${name}: ${firstLine(outcome.text)}`);
    samples.push(outcome.at - sent);
  }
  return { count, median: median(samples), p90: percentile(samples, 90) };
}

/** sentry_get_error_details latency (cache off), and the first telemetry report's time and memory. */
export async function measureSentry(target, { calls }, log) {
  const testkit = await import(TESTKIT);
  if (typeof testkit.startFakeSentry !== 'function') return { error: 'testkit has no startFakeSentry' };
  const fake = await testkit.startFakeSentry({ token: TOKEN });
  const ingest = await testkit.startFakeSentryIngest();
  const env = { SENTRY_URL: fake.url, SENTRY_AUTH_TOKEN: TOKEN, SENTRY_ORG: 'acme', TOOLBRIDGE_CACHE_TTL: '0' };
  const extraArgs = ['--config', await coreBenchConfig()];
  const out = {};
  try {
    const opened = await openSession({ ...target, env: { ...target.env, ...env } }, { extraArgs });
    try {
      await timedCalls(opened.session, 'sentry_get_error_details', { issue: 'WEB-1' }, 10);
      out.details = await timedCalls(opened.session, 'sentry_get_error_details', { issue: '1001' }, calls);
      log(`sentry: get_error_details median ${out.details.median.toFixed(1)} ms`);
    } finally {
      await opened.session.close();
    }
    const withTelemetry = await openSession({ ...target, env: { ...target.env, ...env, TOOLBRIDGE_TELEMETRY_DSN: ingest.dsn } }, { extraArgs });
    try {
      const before = withTelemetry.session.memory();
      const sent = performance.now();
      const failed = await withTelemetry.session.callTool('sentry_get_error_details', { issue: '999' });
      if (!failed.isError) throw new Error('the failing call did not fail');
      await ingest.envelope(0, 30_000);
      const reported = performance.now() - sent;
      const after = withTelemetry.session.memory();
      out.telemetry = { firstReportMs: reported, hwmBefore: before.hwm, hwmAfter: after.hwm, rssBefore: before.rss, rssAfter: after.rss };
      log(`sentry: first telemetry report after ${reported.toFixed(0)} ms`);
    } finally {
      await withTelemetry.session.close();
    }
  } catch (error) {
    out.error = firstLine(error.message);
  } finally {
    await fake.close();
    await ingest.close();
  }
  return out;
}

// Linear figures against testkit's fake Linear on 127.0.0.1: how many requests each of the seed's three
// metric tools sends (the first call also reads the workspace that names resolve from, once per process),
// and linear_get_issue latency.
import { performance } from 'node:perf_hooks';
import { firstLine, openSession } from '../lib/session.mjs';
import { median, percentile } from '../lib/stats.mjs';
import { coreBenchConfig } from './call-overhead.mjs';

const TESTKIT = '../../packages/testkit/dist/index.js';
const KEY = 'lin_api_benchFakeKey0000000000000000000000';

export const METRIC_CALLS = [
  ['linear_get_team_progress', { team: 'ENG', since: '7d' }],
  ['linear_get_team_velocity', { team: 'ENG', cycles: 3 }],
  ['linear_get_issues_for_release', { label: 'v2.0' }],
];

async function call(session, name, args) {
  const outcome = await session.callTool(name, args);
  if (outcome.isError) throw new Error(`${name}: ${firstLine(outcome.text)}`);
  return outcome;
}

/** Requests per metric call (cold: a fresh process; warm: after the workspace read), and get_issue latency. */
export async function measureLinear(target, { calls }, log) {
  const testkit = await import(TESTKIT);
  if (typeof testkit.startFakeLinear !== 'function') return { error: 'testkit has no startFakeLinear' };
  const fake = await testkit.startFakeLinear({ apiKey: KEY });
  const env = { ...target.env, LINEAR_API_URL: fake.url, LINEAR_API_KEY: KEY, TOOLBRIDGE_CACHE_TTL: '0' };
  const extraArgs = ['--config', await coreBenchConfig()];
  const out = { metrics: [] };
  try {
    for (const [name, args] of METRIC_CALLS) {
      const opened = await openSession({ ...target, env }, { extraArgs });
      try {
        const before = fake.requests.length;
        await call(opened.session, name, args);
        const cold = fake.requests.length - before;
        const sent = performance.now();
        await call(opened.session, name, args);
        const warmMs = performance.now() - sent;
        out.metrics.push({ name, cold, warm: fake.requests.length - before - cold, warmMs });
        log(`linear: ${name} ${cold} request(s) cold, ${fake.requests.length - before - cold} warm`);
      } finally {
        await opened.session.close();
      }
    }
    const opened = await openSession({ ...target, env }, { extraArgs });
    try {
      const samples = [];
      for (let index = 0; index < calls; index++) {
        const sent = performance.now();
        const outcome = await call(opened.session, 'linear_get_issue', { issue: 'ENG-3' });
        samples.push(outcome.at - sent);
      }
      out.issue = { count: calls, median: median(samples), p90: percentile(samples, 90) };
      log(`linear: get_issue median ${out.issue.median.toFixed(1)} ms`);
    } finally {
      await opened.session.close();
    }
    if (fake.problems.length) out.problems = fake.problems.slice(0, 3);
  } catch (error) {
    out.error = firstLine(error.message);
  } finally {
    await fake.close();
  }
  return out;
}

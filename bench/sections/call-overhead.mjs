// What core adds to one tool call: the same issue handler behind @toolbridge/core and behind a bare SDK
// server, both bundled, both fetching from the same fake upstream on 127.0.0.1. Calls alternate between
// the two in blocks; every call asks for a new issue number so core's cache always misses (the hit path is
// measured on its own).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fakeIssue } from '../floor/issue-handler.mjs';
import { WORK_DIR } from '../lib/paths.mjs';
import { firstLine, openSession } from '../lib/session.mjs';
import { median, percentile, shuffle } from '../lib/stats.mjs';

const TESTKIT = '../../packages/testkit/dist/index.js';

export async function startIssueUpstream() {
  const { startFakeUpstream } = await import(TESTKIT);
  return startFakeUpstream({
    'GET /repos/:owner/:repo/issues/:number': ({ params }) => ({ body: fakeIssue(params.owner, params.repo, Number(params.number)) }),
  });
}

/** A config for the core server: the rate limiter stays in the path but never makes the bench wait. */
export async function coreBenchConfig() {
  await mkdir(WORK_DIR, { recursive: true });
  const file = join(WORK_DIR, 'core-bench-config.json');
  const audit = join(WORK_DIR, 'core-bench-audit.jsonl');
  await rm(audit, { force: true });
  await writeFile(file, JSON.stringify({ security: { rateLimit: { requests: 1_000_000, window: 60_000 } }, audit: { file: audit } }));
  return file;
}

/**
 * bare and core: targets for bare-server and core-server bundles (env BENCH_UPSTREAM_URL set by caller).
 * Returns { bare, core, coreHit } each with median/p90 in ms, and upstream request counts.
 */
export async function measureCallOverhead({ bare, core }, calls, log) {
  const upstream = await startIssueUpstream();
  const env = { BENCH_UPSTREAM_URL: upstream.url };
  const sessions = {};
  const results = { bare: { samples: [] }, core: { samples: [] }, coreHit: { samples: [] } };
  try {
    sessions.bare = await openSession({ ...bare, env: { ...bare.env, ...env } });
    sessions.core = await openSession({ ...core, env: { ...core.env, ...env } });
    let number = 1;
    const call = async (which, issue) => {
      const sent = performance.now();
      const outcome = await sessions[which].session.callTool('bench_get_issue', { owner: 'octo', repo: 'bench', number: issue });
      if (outcome.isError) throw new Error(`${which} server: ${firstLine(outcome.text)}`);
      return outcome.at - sent;
    };
    for (let index = 0; index < 20; index++) {
      await call('bare', number++);
      await call('core', number++);
    }
    const block = 10;
    for (let done = 0; done < calls; done += block) {
      for (const which of shuffle(['bare', 'core'])) {
        for (let index = 0; index < block; index++) results[which].samples.push(await call(which, number++));
      }
    }
    // Cache hits: the same issue again and again (the first call fills the cache).
    await call('core', 1);
    for (let index = 0; index < Math.min(calls, 100); index++) {
      const sent = performance.now();
      const outcome = await sessions.core.session.callTool('bench_get_issue', { owner: 'octo', repo: 'bench', number: 1 });
      results.coreHit.samples.push(outcome.at - sent);
    }
  } catch (error) {
    results.error = firstLine(error.message);
  } finally {
    await Promise.all(Object.values(sessions).map((opened) => opened.session.close()));
    await upstream.close();
  }
  for (const entry of Object.values(results)) {
    if (!entry.samples) continue;
    entry.median = median(entry.samples);
    entry.p90 = percentile(entry.samples, 90);
  }
  log(`call overhead: ${calls} calls per server`);
  return results;
}

// GitHub figures against a fake GitHub on 127.0.0.1: one github_get_issue call, the cache effect on 100
// repeated reads, and github_get_issues (one GraphQL request) against 20 github_get_issue calls.
import { performance } from 'node:perf_hooks';
import { argsFor, firstLine, openSession } from '../lib/session.mjs';
import { median, percentile } from '../lib/stats.mjs';
import { coreBenchConfig, startIssueUpstream } from './call-overhead.mjs';

const TESTKIT = '../../packages/testkit/dist/index.js';
export const REPO = { owner: 'octo', repo: 'bench' };

/**
 * The fake GitHub from @toolbridge/testkit (REST and GraphQL), its seeded repository topped up to `count`
 * issues (copies of a seeded one under new numbers); a REST-only issue fake when testkit lacks it.
 */
export async function startGitHubFake(count = 20) {
  const testkit = await import(TESTKIT);
  if (typeof testkit.startFakeGitHub !== 'function') return { fake: await startIssueUpstream(), graphql: false, repo: REPO, numbers: range(1, count) };
  // Scopes as GitHub sends them for a classic token, so toolbridge-github's scope check runs as it would.
  const fake = await testkit.startFakeGitHub({ scopes: ['repo', 'read:org'] });
  const repo = { owner: 'octo-org', repo: 'hello-world' };
  const seeded = fake.state.repo(repo.owner, repo.repo);
  const template = seeded.issues.find((issue) => issue.state === 'open') ?? seeded.issues[0];
  for (let number = fake.state.nextNumber(seeded); seeded.issues.length < count; number++) {
    seeded.issues.push({ ...template, id: template.id * 1000 + number, number, title: `Bench issue ${number}`, comments: [] });
  }
  return { fake, graphql: true, repo, numbers: seeded.issues.map((issue) => issue.number).slice(0, count) };
}

const range = (from, count) => Array.from({ length: count }, (_, index) => from + index);

const issueArgs = (tool, repo, number) => argsFor(tool, { ...repo, issue_number: number, number, issueNumber: number });
const issuesArgs = (tool, repo, numbers) => argsFor(tool, { ...repo, issue_numbers: numbers, numbers, issueNumbers: numbers });

/** Calls `count` times and returns the upstream requests made and the time taken. */
async function repeat(session, fake, name, argsAt, count) {
  const before = fake.requests.length;
  const started = performance.now();
  const samples = [];
  for (let index = 0; index < count; index++) {
    const sent = performance.now();
    const outcome = await session.callTool(name, argsAt(index));
    if (outcome.isError) throw new Error(`${name}: ${firstLine(outcome.text)}`);
    samples.push(outcome.at - sent);
  }
  return { count, requests: fake.requests.length - before, ms: performance.now() - started, median: median(samples), p90: percentile(samples, 90) };
}

/**
 * Cache effect for one server and tool: 100 reads of the same issue with the cache on (defaults) and off
 * (TOOLBRIDGE_CACHE_TTL=0), each in a fresh process.
 */
export async function measureCache(target, toolName, fakeInfo, count, extraEnv, extraArgs = []) {
  const result = {};
  for (const [mode, env] of [
    ['on', {}],
    ['off', { TOOLBRIDGE_CACHE_TTL: '0' }],
  ]) {
    const opened = await openSession({ ...target, env: { ...target.env, ...extraEnv, ...env } }, { extraArgs });
    try {
      const tool = opened.tools.find((candidate) => candidate.name === toolName);
      if (!tool) throw new Error(`${target.id} offers no ${toolName}`);
      result[mode] = await repeat(opened.session, fakeInfo.fake, toolName, () => issueArgs(tool, fakeInfo.repo, fakeInfo.numbers[0]), count);
    } finally {
      await opened.session.close();
    }
  }
  return result;
}

/** github_get_issue latency, cache effect and the GraphQL batch for the toolbridge GitHub server. */
export async function measureGitHub(target, { calls, cacheReads, batch }, log) {
  const fakeInfo = await startGitHubFake(batch);
  const env = { GITHUB_API_URL: fakeInfo.fake.apiUrl ?? fakeInfo.fake.url };
  // The rate limiter stays in the path but never makes the bench wait (its default is 100 requests a minute).
  const configArgs = ['--config', await coreBenchConfig()];
  const out = { fakeKind: fakeInfo.graphql ? 'testkit fake GitHub (REST + GraphQL)' : 'REST-only issue fake (testkit has no startFakeGitHub yet)' };
  try {
    const probe = await openSession(
      { ...target, env: { ...target.env, ...env, TOOLBRIDGE_CACHE_TTL: '0' } },
      { extraArgs: ['--toolsets', 'all', ...configArgs] },
    );
    const names = new Set(probe.tools.map((tool) => tool.name));
    const single = probe.tools.find((tool) => tool.name === 'github_get_issue');
    const many = probe.tools.find((tool) => tool.name === 'github_get_issues');
    try {
      if (!single) out.callError = 'toolbridge-github has no github_get_issue tool yet';
      else {
        await repeat(probe.session, fakeInfo.fake, single.name, (index) => issueArgs(single, fakeInfo.repo, fakeInfo.numbers[index % 5]), 10);
        const warm = await repeat(probe.session, fakeInfo.fake, single.name, () => issueArgs(single, fakeInfo.repo, fakeInfo.numbers[0]), calls);
        out.call = warm;
      }
    } catch (error) {
      out.callError = firstLine(error.message);
    } finally {
      await probe.session.close();
    }
    if (single) {
      try {
        out.cache = await measureCache(target, single.name, fakeInfo, cacheReads, env, configArgs);
      } catch (error) {
        out.cacheError = firstLine(error.message);
      }
    }
    if (!fakeInfo.graphql) out.batchError = 'needs the fake GitHub with GraphQL (testkit startFakeGitHub)';
    else if (!single || !many)
      out.batchError = `toolbridge-github lacks ${[!single && 'github_get_issue', !many && 'github_get_issues'].filter(Boolean).join(' and ')}`;
    else {
      try {
        const opened = await openSession(
          { ...target, env: { ...target.env, ...env, TOOLBRIDGE_CACHE_TTL: '0' } },
          { extraArgs: ['--toolsets', 'all', ...configArgs] },
        );
        try {
          const numbers = fakeInfo.numbers.slice(0, batch);
          // Warm-up of both paths: the fake GitHub compiles its GraphQL schema on the first query.
          await repeat(opened.session, fakeInfo.fake, many.name, () => issuesArgs(many, fakeInfo.repo, numbers.slice(0, 2)), 1);
          await repeat(opened.session, fakeInfo.fake, single.name, () => issueArgs(single, fakeInfo.repo, numbers[0]), 1);
          out.batchSingles = await repeat(opened.session, fakeInfo.fake, single.name, (index) => issueArgs(single, fakeInfo.repo, numbers[index]), batch);
          out.batchOne = await repeat(opened.session, fakeInfo.fake, many.name, () => issuesArgs(many, fakeInfo.repo, numbers), 1);
        } finally {
          await opened.session.close();
        }
      } catch (error) {
        out.batchError = firstLine(error.message);
      }
    }
    out.toolCount = names.size;
  } catch (error) {
    out.callError = firstLine(error.message);
  } finally {
    await fakeInfo.fake.close();
  }
  log('github: call, cache and batch figures done');
  return out;
}

// What a call's answer costs the model, both ways a client can pass it on: the structuredContent JSON
// (what Claude Code hands the model when a tool has one; the text block then never reaches it) and the
// text block. Representative calls of each server, beside the peers that can make the same call.
import { firstLine, openSession } from '../lib/session.mjs';
import { FAKE_SLACK_TOKEN } from '../lib/targets.mjs';
import { countTokens } from '../lib/tokens.mjs';
import { startGitHubFake } from './github.mjs';

const TESTKIT = '../../packages/testkit/dist/index.js';
const SENTRY_TOKEN = 'sntrys_benchFakeToken000000000000';
const LINEAR_KEY = 'lin_api_benchFakeKey0000000000000000000000';

async function testkitStarter(name) {
  const testkit = await import(TESTKIT);
  if (typeof testkit[name] !== 'function') throw new Error(`testkit has no ${name}`);
  return testkit;
}

/** 20 rows of four columns, some NULL: the shape of a typical small answer. */
export const RESULT_SQL =
  "SELECT g AS id, 'customer ' || g AS name, CASE WHEN g % 4 = 0 THEN NULL ELSE g * 2.5 END AS amount, DATE '2026-01-01' + g AS day FROM generate_series(1, 20) AS g";

/**
 * Per service: how to reach a fake upstream (env for the server), and the calls. `sql` calls also run
 * through every peer of the service that has a query tool. A service missing here (a server still being
 * written) is listed as not measured.
 */
const SERVICES = {
  database: {
    calls: () => [{ label: '20 rows × 4 columns, a quarter NULL', tool: 'db_query', args: { sql: RESULT_SQL }, sql: RESULT_SQL }],
  },
  github: {
    async upstream() {
      const info = await startGitHubFake(5);
      return {
        env: { GITHUB_API_URL: info.fake.apiUrl ?? info.fake.url, TOOLBRIDGE_CACHE_TTL: '0' },
        close: () => info.fake.close(),
        calls: [
          { label: 'one issue', tool: 'github_get_issue', args: { ...info.repo, issue_number: info.numbers[0] } },
          { label: 'open issues (first page)', tool: 'github_list_issues', args: { ...info.repo, state: 'open' } },
          { label: 'one pull request', tool: 'github_get_pull_request', args: { ...info.repo, pull_number: 4 } },
        ],
      };
    },
  },
  linear: {
    async upstream() {
      const testkit = await testkitStarter('startFakeLinear');
      const fake = await testkit.startFakeLinear({ apiKey: LINEAR_KEY });
      return {
        env: { LINEAR_API_URL: fake.url, LINEAR_API_KEY: LINEAR_KEY, TOOLBRIDGE_CACHE_TTL: '0' },
        close: () => fake.close(),
        calls: [
          { label: 'one issue', tool: 'linear_get_issue', args: { issue: 'ENG-3' } },
          { label: "a team's issues", tool: 'linear_search_issues', args: { team: 'ENG' } },
        ],
      };
    },
  },
  // The peer server-slack has slack_get_channel_history too, but it only talks to slack.com: not measured.
  slack: {
    async upstream() {
      const testkit = await testkitStarter('startFakeSlack');
      const fake = await testkit.startFakeSlack({ botToken: FAKE_SLACK_TOKEN, userToken: testkit.FAKE_SLACK_USER_TOKEN });
      return {
        env: { SLACK_API_URL: fake.apiUrl, SLACK_USER_TOKEN: testkit.FAKE_SLACK_USER_TOKEN, TOOLBRIDGE_CACHE_TTL: '0' },
        close: () => fake.close(),
        calls: [
          { label: 'channel history (7 days)', tool: 'slack_get_channel_messages', args: { channel: '#general', time_range: '7d' } },
          { label: 'search messages', tool: 'slack_search_messages', args: { query: 'release' } },
        ],
      };
    },
  },
  sentry: {
    async upstream() {
      const testkit = await testkitStarter('startFakeSentry');
      const fake = await testkit.startFakeSentry({ token: SENTRY_TOKEN });
      return {
        env: { SENTRY_URL: fake.url, SENTRY_AUTH_TOKEN: SENTRY_TOKEN, SENTRY_ORG: 'acme', TOOLBRIDGE_CACHE_TTL: '0' },
        close: () => fake.close(),
        calls: [
          { label: 'error details (issue and latest event)', tool: 'sentry_get_error_details', args: { issue: '1001' } },
          { label: 'search errors', tool: 'sentry_search_errors', args: {} },
        ],
      };
    },
  },
};

/** Object fields that carry nothing: null, "", [] or {} (cells inside a row array are positions, not fields). */
function emptyFields(value) {
  if (Array.isArray(value)) return value.reduce((sum, item) => sum + (item && typeof item === 'object' ? emptyFields(item) : 0), 0);
  if (!value || typeof value !== 'object') return 0;
  let count = 0;
  for (const field of Object.values(value)) {
    const empty =
      field === null || field === '' || (Array.isArray(field) && !field.length) || (typeof field === 'object' && field && !Object.keys(field).length);
    count += empty ? 1 : emptyFields(field);
  }
  return count;
}

function measure(outcome) {
  const structured = outcome.result.structuredContent;
  return {
    emptyFields: structured === undefined ? undefined : emptyFields(structured),
    structuredTokens: structured === undefined ? undefined : countTokens(JSON.stringify(structured)),
    structuredBytes: structured === undefined ? undefined : Buffer.byteLength(JSON.stringify(structured)),
    textTokens: countTokens(outcome.text),
    textBytes: Buffer.byteLength(outcome.text),
    isError: outcome.isError,
    error: outcome.isError ? firstLine(outcome.text) : undefined,
  };
}

async function callsThrough(target, calls, env, extraArgs = []) {
  const opened = await openSession({ ...target, env: { ...target.env, ...env } }, { extraArgs });
  try {
    const names = new Set(opened.tools.map((tool) => tool.name));
    const rows = [];
    for (const call of calls) {
      if (!names.has(call.tool)) {
        rows.push({ call, error: `${target.id} offers no ${call.tool}` });
        continue;
      }
      rows.push({ call, ...measure(await opened.session.callTool(call.tool, call.args)) });
    }
    return rows;
  } finally {
    await opened.session.close();
  }
}

/** ours: toolbridge targets; peers: live peers (those with a queryTool get the `sql` calls). */
export async function measureResultTokens(ours, peers, log) {
  const rows = [];
  for (const target of ours) {
    const service = SERVICES[target.service];
    if (!service) {
      rows.push({ target, error: 'no representative calls declared in bench/sections/result-tokens.mjs yet' });
      continue;
    }
    let upstream;
    try {
      upstream = service.upstream ? await service.upstream() : { env: {}, calls: service.calls() };
      for (const row of await callsThrough(target, upstream.calls, upstream.env, ['--toolsets', 'all'])) rows.push({ target, ...row });
      for (const peer of peers.filter((candidate) => candidate.service === target.service && candidate.queryTool)) {
        const calls = upstream.calls.filter((call) => call.sql).map((call) => ({ ...call, tool: peer.queryTool.name, args: peer.queryTool.args(call.sql) }));
        for (const row of await callsThrough(peer, calls, {})) rows.push({ target: peer, ...row });
      }
    } catch (error) {
      rows.push({ target, error: firstLine(error.message) });
    } finally {
      await upstream?.close?.();
    }
    log(`result tokens: ${target.id}`);
  }
  return { rows };
}

#!/usr/bin/env node
// `pnpm bench`: toolbridge's servers against the peers they replace and the floor, on this machine.
// `pnpm bench --quick`: one iteration, no peers, no installs; keeps the script working in CI and asserts
// nothing about speed. `--only startup,nodes,tokens` (also ping, overhead, github, sentry, slack, linear, database,
// profile, install) runs a part; `--no-peers`, `--no-runtimes` and `--rounds N` trim it further. Progress goes to
// stderr; the tables go to stdout and bench/RESULTS.md (or --output).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleFloor, floorSource } from './lib/bundle.mjs';
import { ensureInstalled } from './lib/install.mjs';
import { describeMachine } from './lib/machine.mjs';
import { BENCH_DIR, PEERS_DIR, ROOT_DIR, RUNTIMES_DIR } from './lib/paths.mjs';
import { scrub } from './lib/report.mjs';
import { canInstallRuntimes, runtimes } from './lib/runtimes.mjs';
import { FAKE_SLACK_TOKEN, floorTargets, peerTargets, toolbridgeTargets } from './lib/targets.mjs';
import { loadTokenizer } from './lib/tokens.mjs';
import { render } from './render.mjs';
import { coreBenchConfig, measureCallOverhead } from './sections/call-overhead.mjs';
import { measureDatabase, probeTcp } from './sections/database.mjs';
import { measureGitHub, startGitHubFake } from './sections/github.mjs';
import { measureInstallSizes } from './sections/install-size.mjs';
import { measureLinear } from './sections/linear.mjs';
import { measurePing } from './sections/ping.mjs';
import { bundleComposition, firstAndLaterLaunches, importCosts } from './sections/profile.mjs';
import { measureResultTokens } from './sections/result-tokens.mjs';
import { measureSentry } from './sections/sentry.mjs';
import { CLOSED_SLACK_URL, measureSlack, startSlackFake } from './sections/slack.mjs';
import { measureStartup } from './sections/startup.mjs';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-peers': { type: 'boolean', default: false },
    'no-runtimes': { type: 'boolean', default: false },
    rounds: { type: 'string' },
    output: { type: 'string' },
    only: { type: 'string' },
  },
});
const quick = flags.quick;
const withPeers = !quick && !flags['no-peers'];
const withRuntimes = !quick && !flags['no-runtimes'];
const log = (line) => process.stderr.write(`[bench] ${scrub(line)}\n`);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const plan = quick
  ? { rounds: 1, pings: 50, calls: 20, cacheReads: 100, batch: 20, dbRounds: 1, smallQueries: 100 }
  : { rounds: 12, pings: 200, calls: 200, cacheReads: 100, batch: 20, dbRounds: 3, smallQueries: 1000 };
if (flags.rounds) plan.rounds = Number(flags.rounds);

// --only startup,nodes,ping,overhead,github,sentry,slack,linear,database,tokens,profile,install: a part of the bench (the rest reads "skipped").
const only = flags.only ? new Set(flags.only.split(',')) : undefined;
const SECTION_KEYS = {
  'start-up': 'startup',
  'start-up by Node version': 'nodes',
  ping: 'ping',
  'call overhead': 'overhead',
  github: 'github',
  sentry: 'sentry',
  slack: 'slack',
  linear: 'linear',
  database: 'database',
  'result tokens': 'tokens',
  profile: 'profile',
  'install size': 'install',
};

/** Runs one section; a failure becomes its "n/a (reason)" instead of ending the bench. */
async function section(name, fn) {
  if (only && SECTION_KEYS[name] && !only.has(SECTION_KEYS[name])) return { error: `skipped (--only ${flags.only})` };
  try {
    return await fn();
  } catch (error) {
    log(`${name} failed: ${error.message}`);
    return { error: String(error.message).split('\n')[0] };
  }
}

const notes = [];
const machine = describeMachine();
log(`${quick ? 'quick' : 'full'} run on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);

// Installs: the tokenizer and the peers, only in a full run.
if (!quick) {
  const failed = await ensureInstalled(BENCH_DIR, log);
  if (failed) notes.push(`tokenizer: ${failed}`);
}
const tokenizerMissing = await loadTokenizer();
if (withPeers) {
  const failed = await ensureInstalled(PEERS_DIR, log);
  if (failed) notes.push(`peers: ${failed}`);
}

if (withRuntimes && canInstallRuntimes()) {
  const failed = await ensureInstalled(RUNTIMES_DIR, log);
  if (failed) notes.push(`Node builds: ${failed}`);
} else if (withRuntimes) notes.push('Start-up on other Node versions: official builds are installed on Linux x64 only.');

const pgReason = await probeTcp('127.0.0.1', 5432);
// toolbridge-github probes the token's scopes before it answers initialize: during start-up figures it
// talks to a fake GitHub on loopback (the best case; a real api.github.com adds one HTTPS round trip).
const startupGitHub = await section('fake GitHub', () => startGitHubFake());
// toolbridge-slack loads its users/channels cache after tools/list: it talks to the fake Slack (never slack.com).
const slackFake = await startSlackFake(FAKE_SLACK_TOKEN, log);
const ctx = {
  pgUrl: pgReason ? undefined : PG_URL,
  pgReason,
  githubUrl: startupGitHub.fake?.apiUrl ?? startupGitHub.fake?.url,
  slackUrl: slackFake?.apiUrl ?? CLOSED_SLACK_URL,
};

// Floors: the minimal SDK server as source and as a bundle; the issue handler bare and through core.
const bundles = { minimalSource: floorSource('minimal-server') };
const coreBuilt = existsSync(join(ROOT_DIR, 'packages', 'core', 'dist', 'index.js'));
await section('bundling', async () => {
  bundles.minimalBundle = await bundleFloor('minimal-server');
  bundles.bare = await bundleFloor('bare-server');
  if (coreBuilt) bundles.core = await bundleFloor('core-server');
});

const toolbridge = toolbridgeTargets(ctx);
for (const target of toolbridge.filter((candidate) => !candidate.built)) notes.push(`${target.id}: not built (run \`pnpm build\`); skipped`);
const ours = toolbridge.filter((target) => target.built);
const oursAll = ours.map((target) => ({
  ...target,
  id: `${target.id}:all`,
  label: `${target.label} --toolsets all`,
  variant: 'all',
  extraArgs: ['--toolsets', 'all'],
}));
// Telemetry on (a DSN nobody listens at): start-up and memory must not move, since @sentry/node loads only at a first report.
const oursTelemetry = ours.map((target) => ({
  ...target,
  id: `${target.id}:telemetry`,
  label: `${target.label} with TOOLBRIDGE_TELEMETRY_DSN`,
  variant: 'telemetry',
  env: { ...target.env, TOOLBRIDGE_TELEMETRY_DSN: 'http://bench@127.0.0.1:9/1' },
}));
const peers = withPeers ? peerTargets(ctx) : [];
for (const peer of peers.filter((candidate) => candidate.missing)) notes.push(`${peer.id}: ${peer.missing}`);
const livePeers = peers.filter((peer) => !peer.missing);
const floors = floorTargets(bundles);

const startup = await section('start-up', () => measureStartup([...ours, ...oursAll, ...oursTelemetry, ...livePeers, ...floors], plan.rounds, log));
// The same start-up on every Node version at hand, interleaved in one run: default toolsets, the peers and the floor.
const nodes = withRuntimes ? runtimes() : [];
const startupByNode =
  nodes.length > 1
    ? await section('start-up by Node version', async () => ({
        nodes,
        ...(await measureStartup(
          nodes.flatMap((node) =>
            [...ours, ...livePeers, ...floors.filter((floor) => floor.id === 'floor-sdk-bundled')].map((target) => ({
              ...target,
              id: `${target.id}@${node.version}`,
              base: target.id,
              node: node.version,
              command: node.command,
            })),
          ),
          plan.rounds,
          log,
        )),
      }))
    : { error: withRuntimes ? 'no other Node build installed' : 'skipped (--quick or --no-runtimes)' };
const ping = await section('ping', () => measurePing([...ours, ...livePeers, ...floors], plan.pings, log));
await startupGitHub.fake?.close();

const overhead =
  bundles.core && bundles.bare
    ? await section('call overhead', async () => {
        const configFile = await coreBenchConfig();
        const bare = { id: 'bare', command: process.execPath, args: [bundles.bare], env: {} };
        const core = { id: 'core', command: process.execPath, args: [bundles.core, '--config', configFile], env: {} };
        return measureCallOverhead({ bare, core }, plan.calls, log);
      })
    : { error: coreBuilt ? 'floor servers could not be bundled' : '@toolbridge/core is not built' };

const githubTarget = ours.find((target) => target.service === 'github');
const github = githubTarget ? await section('github', () => measureGitHub(githubTarget, plan, log)) : { error: '@toolbridge/github is not built' };

const sentryTarget = ours.find((target) => target.service === 'sentry');
const sentry = sentryTarget ? await section('sentry', () => measureSentry(sentryTarget, plan, log)) : { error: '@toolbridge/sentry is not built' };

const slackTarget = ours.find((target) => target.service === 'slack');
const slack = slackTarget ? await section('slack', () => measureSlack(slackTarget, slackFake, plan, log)) : { error: '@toolbridge/slack is not built' };
await slackFake?.close();
const linearTarget = ours.find((target) => target.service === 'linear');
const linear = linearTarget ? await section('linear', () => measureLinear(linearTarget, plan, log)) : { error: '@toolbridge/linear is not built' };

const databaseTarget = ours.find((target) => target.service === 'database');
const database = !ctx.pgUrl
  ? { error: `PostgreSQL unreachable: ${pgReason}` }
  : !databaseTarget
    ? { error: '@toolbridge/database is not built' }
    : await section('database', () =>
        measureDatabase(
          [databaseTarget, ...livePeers.filter((peer) => peer.service === 'database')],
          { rounds: plan.dbRounds, smallCount: plan.smallQueries },
          log,
        ),
      );

const resultTokens = quick ? { error: 'skipped in --quick' } : await section('result tokens', () => measureResultTokens(ours, livePeers, log));

const profile = quick
  ? { error: 'skipped in --quick' }
  : await section('profile', async () => {
      const rows = [];
      for (const target of ours) {
        const packageDir = join(ROOT_DIR, 'packages', target.service);
        const composition = await bundleComposition(packageDir);
        const launches = await firstAndLaterLaunches(target);
        rows.push({ target, composition, launches, imports: await importCosts(packageDir, new Set(composition.packages.map(([name]) => name))) });
        log(`profile: ${target.id}`);
      }
      return { rows };
    });

const installSize = quick ? { error: 'skipped in --quick' } : await section('install size', () => measureInstallSizes(log));

const markdown = render({
  machine: { ...machine, loadAtEnd: loadavg()[0] },
  quick,
  plan,
  notes,
  tokenizerMissing,
  startup,
  startupByNode,
  resultTokens,
  ping,
  overhead,
  github,
  sentry,
  slack,
  linear,
  database,
  profile,
  installSize,
  peersIncluded: withPeers,
});
process.stdout.write(markdown);
const output = flags.output ?? join(BENCH_DIR, quick ? '.work/RESULTS-quick.md' : 'RESULTS.md');
await mkdir(join(BENCH_DIR, '.work'), { recursive: true });
await writeFile(output, markdown);
log(`written to ${output}`);

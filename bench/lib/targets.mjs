// Which servers the bench measures: toolbridge's (every package with a built bin, so new servers join by
// themselves), the peers people would otherwise install, and the floors.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PEERS_DIR, ROOT_DIR, WORK_DIR } from './paths.mjs';

/** Fake credentials: enough for a server to start; never valid anywhere. */
const FAKE = {
  github: 'ghp_benchFakeToken000000000000000000000000',
  slack: 'xoxb-0000000000-bench-fake',
  linear: 'lin_api_benchFakeKey0000000000000000000000',
  sentry: 'sntrys_benchFakeToken000000000000',
};

export const FAKE_SLACK_TOKEN = FAKE.slack;

/**
 * How to start each toolbridge server against the bench's fakes and databases. A service missing here
 * still gets start-up, memory and tools/list figures with no environment at all.
 */
const TOOLBRIDGE_PROFILES = {
  github: (ctx) => ({ env: { GITHUB_PERSONAL_ACCESS_TOKEN: FAKE.github, ...(ctx.githubUrl ? { GITHUB_API_URL: ctx.githubUrl } : {}) } }),
  database: (ctx) => (ctx.pgUrl ? { env: { DATABASE_URL: ctx.pgUrl } } : { args: ['--demo'] }),
  slack: (ctx) => ({ env: { SLACK_BOT_TOKEN: FAKE.slack, SLACK_TEAM_ID: 'T0BENCH', ...(ctx.slackUrl ? { SLACK_API_URL: ctx.slackUrl } : {}) } }),
  linear: () => ({ env: { LINEAR_API_KEY: FAKE.linear } }),
  sentry: () => ({ env: { SENTRY_ACCESS_TOKEN: FAKE.sentry, SENTRY_ORG: 'acme' } }),
};

/** The peers: pinned in bench/peers/package.json, started with their own bin under the same node. */
const PEERS = [
  {
    id: 'server-github',
    pkg: '@modelcontextprotocol/server-github',
    service: 'github',
    env: () => ({ GITHUB_PERSONAL_ACCESS_TOKEN: FAKE.github }),
    fakeable: false,
    note: 'API base URL hard-coded to api.github.com: start, memory and tools/list only',
  },
  {
    id: 'server-slack',
    pkg: '@modelcontextprotocol/server-slack',
    service: 'slack',
    env: () => ({ SLACK_BOT_TOKEN: FAKE.slack, SLACK_TEAM_ID: 'T0BENCH' }),
    fakeable: false,
    note: 'slack.com hard-coded: start, memory and tools/list only',
  },
  {
    id: 'server-postgres',
    pkg: '@modelcontextprotocol/server-postgres',
    service: 'database',
    args: (ctx) => (ctx.pgUrl ? [ctx.pgUrl] : []),
    needsPg: true,
    fakeable: true,
    queryTool: { name: 'query', args: (sql) => ({ sql }) },
  },
  {
    id: 'dbhub',
    pkg: '@bytebase/dbhub',
    service: 'database',
    args: () => ['--transport', 'stdio'],
    env: (ctx) => ({ DSN: `${ctx.pgUrl}?sslmode=disable` }),
    needsPg: true,
    fakeable: true,
    queryTool: { name: 'execute_sql', args: (sql) => ({ sql }) },
    note: '0.21.2, the last release that supports Node 20',
  },
  {
    id: 'sentry-mcp',
    pkg: '@sentry/mcp-server',
    service: 'sentry',
    args: () => [`--access-token=${FAKE.sentry}`],
    fakeable: false,
    note: '0.36.0, the last release that supports Node 20; not pointed at the fake Sentry: start, memory and tools/list only',
  },
  {
    id: 'mcp-linear',
    pkg: '@tacticlaunch/mcp-linear',
    service: 'linear',
    env: () => ({ LINEAR_API_KEY: FAKE.linear }),
    fakeable: false,
    note: 'community server; Linear SDK endpoint hard-coded: start, memory and tools/list only',
  },
];

export const PEER_PACKAGES = PEERS.map((peer) => peer.pkg);

function binOf(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  return bin ? { bin: resolve(packageDir, bin), name: manifest.name, version: manifest.version } : undefined;
}

/** An MCP server's bin is named toolbridge-<service>; the CLI's is `toolbridge` (the release checks use the same rule). */
function isServer(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  return Object.keys(manifest.bin ?? {}).some((name) => name.startsWith('toolbridge-'));
}

/** toolbridge servers whose bin is built, keyed by package directory name (= service). */
export function toolbridgeTargets(ctx) {
  const packagesDir = join(ROOT_DIR, 'packages');
  const targets = [];
  for (const dir of readdirSync(packagesDir).sort()) {
    const packageDir = join(packagesDir, dir);
    if (!existsSync(join(packageDir, 'package.json'))) continue;
    const found = binOf(packageDir);
    if (!found || !isServer(packageDir)) continue;
    const service = dir;
    const profile = TOOLBRIDGE_PROFILES[service]?.(ctx) ?? {};
    targets.push({
      id: `toolbridge-${service}`,
      label: `${found.name}@${found.version}`,
      service,
      kind: 'toolbridge',
      built: existsSync(found.bin),
      command: process.execPath,
      args: [found.bin, ...(profile.args ?? [])],
      // What servers keep between launches (the demo database, a token's scopes) stays in the bench's folder.
      env: { TOOLBRIDGE_CACHE_DIR: join(WORK_DIR, 'cache'), ...profile.env },
      bin: found.bin,
      fakeable: true,
    });
  }
  return targets;
}

/** Peers that are installed; each carries `missing` when it is not (reported, never fatal). */
export function peerTargets(ctx) {
  return PEERS.map((peer) => {
    const packageDir = join(PEERS_DIR, 'node_modules', ...peer.pkg.split('/'));
    const found = existsSync(join(packageDir, 'package.json')) ? binOf(packageDir) : undefined;
    const missing = !found
      ? 'not installed (run `pnpm bench` without --quick)'
      : peer.needsPg && !ctx.pgUrl
        ? `PostgreSQL unreachable: ${ctx.pgReason}`
        : undefined;
    return {
      id: peer.id,
      label: found ? `${peer.pkg}@${found.version}` : peer.pkg,
      service: peer.service,
      kind: 'peer',
      missing,
      command: process.execPath,
      args: found ? [found.bin, ...(peer.args?.(ctx) ?? [])] : [],
      env: peer.env?.(ctx) ?? {},
      fakeable: peer.fakeable,
      note: peer.note,
      queryTool: peer.queryTool,
    };
  });
}

/** The floors: what any Node MCP server costs at least. */
export function floorTargets(bundles) {
  const floors = [];
  if (bundles.minimalSource)
    floors.push({
      id: 'floor-sdk',
      label: 'minimal SDK server, 1 tool (unbundled)',
      service: 'floor',
      kind: 'floor',
      command: process.execPath,
      args: [bundles.minimalSource],
      env: {},
    });
  if (bundles.minimalBundle)
    floors.push({
      id: 'floor-sdk-bundled',
      label: 'minimal SDK server, 1 tool (esbuild bundle)',
      service: 'floor',
      kind: 'floor',
      command: process.execPath,
      args: [bundles.minimalBundle],
      env: {},
    });
  return floors;
}

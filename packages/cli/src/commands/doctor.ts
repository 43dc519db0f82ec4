import { CLIENT_IDS } from '../clients/index.js';
import { type CheckResult, checkTarget } from '../doctor/check.js';
import { configuredTargets, environmentTarget, type Target } from '../doctor/targets.js';
import { type Io, listFlag, parseFlags, UsageError } from '../io.js';
import { SERVERS, serverById } from '../registry/index.js';
import { progress, table } from '../table.js';
import { SERVER_CHECK_OPTIONS } from './server-check-options.js';

const HELP = `Usage: toolbridge doctor [options]

Starts every toolbridge server the MCP clients' configurations name, as that client would start it (same
command, variables expanded the client's way, same inherited environment), lists its tools and checks its
credential with one cheap read through the server's own tools. Prints each server's status, tools, identity
and start-up time, and for each problem the fix. Exits 1 when any server fails.

Options:
  --client <a,b>      only these clients' configurations (${CLIENT_IDS.join(', ')})
  --servers <a,b>     only these servers; with no configuration found, starts them from this environment
  --timeout <s>       seconds a server may take to answer (default 30; npx's first download can be slow)
  --json              the results as JSON, for scripts
  -h, --help          this help`;

const MARK = { ok: '✓ ok', warning: '! warning', failed: '✗ failed' } as const;

function render(results: readonly CheckResult[]): string {
  const rows = results.map((result) => [
    result.name === result.server ? result.server : `${result.name} (${result.server})`,
    result.where,
    MARK[result.status],
    result.tools === undefined ? '-' : String(result.tools),
    result.identity ?? '-',
    result.startupMs === undefined ? '-' : `${result.startupMs} ms`,
  ]);
  const details = results.flatMap((result) =>
    [...result.problems.map((finding) => ({ finding, mark: '✗' })), ...result.warnings.map((finding) => ({ finding, mark: '!' }))].map(
      ({ finding, mark }) => `${mark} ${result.name}: ${finding.message}\n    fix: ${finding.fix}`,
    ),
  );
  return [table(['server', 'configured in', 'status', 'tools', 'identity', 'start-up'], rows), ...(details.length ? ['', ...details] : [])].join('\n');
}

export function timeoutFlag(value: string | undefined): number {
  if (value === undefined) return 30_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout: "${value}" is not a number of seconds above 0.`);
  return seconds * 1000;
}

/** The servers to check: those the configurations name, or (for --servers with none configured) this environment's. */
export async function targetsFor(io: Io, flags: { client?: string; servers?: string }): Promise<Target[]> {
  const clients = listFlag('client', flags.client, CLIENT_IDS);
  const servers = listFlag(
    'servers',
    flags.servers,
    SERVERS.map((server) => server.id),
  );
  const { targets, unreadable } = await configuredTargets(io.place, clients, servers);
  for (const problem of unreadable) io.err(`toolbridge: cannot read ${problem.message}; its servers are not checked.`);
  if (targets.length) return targets;
  if (servers && !clients) return servers.map((id) => environmentTarget(serverById(id)!, io.place));
  const scope = clients ? `${clients.join(', ')}'s configuration` : 'any MCP client configuration here';
  throw new UsageError(
    `no toolbridge server is configured in ${scope}: run \`toolbridge init\`, or name servers with --servers to start them from this environment.`,
  );
}

export async function run(args: string[], io: Io): Promise<number> {
  const flags = parseFlags('doctor', args, SERVER_CHECK_OPTIONS);
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  const timeoutMs = timeoutFlag(flags.timeout);
  const targets = await targetsFor(io, flags);
  const spinner = await progress(io.interactive && !flags.json, `Starting ${targets[0]!.name}…`);
  const results: CheckResult[] = [];
  for (const target of targets) {
    spinner.update(`Starting ${target.name} (${target.where})…`);
    results.push(await checkTarget(target, timeoutMs));
  }
  spinner.stop();
  const failed = results.some((result) => result.status === 'failed');
  io.out(flags.json ? JSON.stringify({ ok: !failed, servers: results }, null, 2) : render(results));
  return failed ? 1 : 0;
}

import { CLIENT_IDS } from '../clients/index.js';
import { configuredTargets, environmentTarget, type Target } from '../doctor/targets.js';
import { type Io, listFlag, parseFlags } from '../io.js';
import { type ListedTool, startServer } from '../mcp-client.js';
import { SERVERS } from '../registry/index.js';
import { progress, table } from '../table.js';
import { ENCODING, loadTokenizer, modelTokens } from '../tokens.js';
import { timeoutFlag } from './doctor.js';
import { SERVER_CHECK_OPTIONS } from './server-check-options.js';

const HELP = `Usage: toolbridge list [options]

The servers, their toolsets, and what each one's tools/list costs the model's context (${ENCODING}) under
the current settings: those of the MCP clients' configurations, or of this environment when none names a
toolbridge server. Each toolset is measured on its own too, so you can see what enabling it would cost.

Options:
  --client <a,b>      only these clients' configurations (${CLIENT_IDS.join(', ')})
  --servers <a,b>     only these servers
  --timeout <s>       seconds a server may take to answer (default 30)
  --json              the figures as JSON
  -h, --help          this help`;

/** Two at a time: the machines these run on often have two cores, and start-up is CPU-bound. */
const PARALLEL = 2;

async function inPool<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  return results;
}

async function toolsOf(target: Target, extraArgs: readonly string[], timeoutMs: number): Promise<ListedTool[]> {
  const running = await startServer({ command: target.command, args: [...target.args, ...extraArgs], env: target.env, cwd: target.cwd }, timeoutMs);
  await running.close().catch(() => undefined);
  return running.tools;
}

interface ToolsetFigures {
  name: string;
  description: string;
  enabled: boolean;
  tools: number;
  tokens: number;
}

interface ServerFigures {
  name: string;
  server: string;
  where: string;
  tools?: number;
  tokens?: number;
  toolsets: ToolsetFigures[];
  error?: string;
}

async function measure(target: Target, timeoutMs: number): Promise<ServerFigures> {
  const figures: ServerFigures = { name: target.name, server: target.server.id, where: target.where, toolsets: [] };
  try {
    const offered = await toolsOf(target, [], timeoutMs);
    const names = Object.keys(target.server.toolsets);
    // A server with one toolset needs no second start to tell what that toolset costs.
    const perToolset = names.length === 1 ? [offered] : await inPool(names, (toolset) => toolsOf(target, ['--toolsets', toolset], timeoutMs));
    const current = new Set(offered.map((tool) => tool.name));
    Object.assign(figures, { tools: offered.length, tokens: modelTokens(offered) });
    figures.toolsets = names.map((name, index) => ({
      name,
      description: target.server.toolsets[name]!.description,
      enabled: perToolset[index]!.some((tool) => current.has(tool.name)),
      tools: perToolset[index]!.length,
      tokens: modelTokens(perToolset[index]!),
    }));
  } catch (error) {
    figures.error = `${(error as Error).message.split('\n')[0]} (\`toolbridge doctor\` says why)`;
  }
  return figures;
}

const number = (value: number) => value.toLocaleString('en-US');

function render(all: readonly ServerFigures[]): string {
  const blocks = all.map((figures) => {
    const title = `${figures.name} (${figures.where})`;
    if (figures.error) return `${title}: did not start: ${figures.error}`;
    const rows = figures.toolsets.map((toolset) => [
      toolset.name,
      toolset.enabled ? 'on' : 'off',
      String(toolset.tools),
      number(toolset.tokens),
      toolset.description,
    ]);
    return [`${title}: ${figures.tools} tools offered, ${number(figures.tokens!)} tokens`, table(['toolset', 'state', 'tools', 'tokens', 'what'], rows)].join(
      '\n',
    );
  });
  const measured = all.filter((figures) => !figures.error);
  const total = measured.reduce((sum, figures) => sum + figures.tokens!, 0);
  return [
    ...blocks,
    `Total: ${measured.reduce((sum, figures) => sum + figures.tools!, 0)} tools, ${number(total)} tokens (${ENCODING}; model-visible part of tools/list).`,
  ].join('\n\n');
}

export async function run(args: string[], io: Io): Promise<number> {
  const flags = parseFlags('list', args, SERVER_CHECK_OPTIONS);
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  const timeoutMs = timeoutFlag(flags.timeout);
  const clients = listFlag('client', flags.client, CLIENT_IDS);
  const servers = listFlag(
    'servers',
    flags.servers,
    SERVERS.map((server) => server.id),
  );
  const configured = await configuredTargets(io.place, clients, servers);
  for (const problem of configured.unreadable) io.err(`toolbridge: cannot read ${problem.message}; its servers are not listed.`);
  const targets = configured.targets.length
    ? configured.targets
    : SERVERS.filter((server) => !servers || servers.includes(server.id)).map((server) => environmentTarget(server, io.place));
  await loadTokenizer();
  const spinner = await progress(io.interactive && !flags.json, 'Starting servers…');
  const all: ServerFigures[] = [];
  for (const target of targets) {
    spinner.update(`Measuring ${target.name}…`);
    all.push(await measure(target, timeoutMs));
  }
  spinner.stop();
  io.out(flags.json ? JSON.stringify({ encoding: ENCODING, servers: all }, null, 2) : render(all));
  return all.some((figures) => figures.error) ? 1 : 0;
}

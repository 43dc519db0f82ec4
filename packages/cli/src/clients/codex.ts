// Codex, as documented at https://developers.openai.com/codex/mcp and /codex/config-reference (checked for this
// writer): `~/.codex/config.toml` (or $CODEX_HOME/config.toml), or `.codex/config.toml` in a trusted project;
// one `[mcp_servers.<name>]` table a server with command, args, env, env_vars (names of variables forwarded
// from Codex's own environment), cwd, startup_timeout_sec (default 10) and tool_timeout_sec. Codex expands no
// variables, and passes a server only a short default list (HOME, PATH, USER...) plus env and env_vars.
// New tables are appended as text, so the rest of the file (comments, order, formatting) is left as it was.
import { join } from 'node:path';
import type { ConfiguredServer, McpClient, Place, ServerPlan } from './types.js';
import { UnreadableConfig } from './types.js';

/** Codex's default environment for MCP servers (codex-rs rmcp-client, DEFAULT_ENV_VARS on Unix and Windows). */
const CODEX_DEFAULT_ENV = [
  'HOME',
  'LOGNAME',
  'PATH',
  'SHELL',
  'USER',
  '__CF_USER_TEXT_ENCODING',
  'LANG',
  'LC_ALL',
  'TERM',
  'TMPDIR',
  'TZ',
  'PATHEXT',
  'SYSTEMROOT',
  'USERPROFILE',
  'APPDATA',
  'TEMP',
  'TMP',
];
/** npx may download the package at first start: more than Codex's 10 s default. */
const NPX_STARTUP_TIMEOUT_SEC = 60;

type Toml = typeof import('smol-toml');
let toml: Toml | undefined;
/** smol-toml, loaded only by the Codex writer and reader (start-up of every other command stays lean). */
export async function loadToml(): Promise<void> {
  toml ??= await import('smol-toml');
}
const tomlLib = (): Toml => {
  if (!toml) throw new Error('loadToml() was not awaited');
  return toml;
};

const codexHome = (place: Place) => place.env.CODEX_HOME ?? join(place.home, '.codex');

interface TomlServer {
  command?: unknown;
  args?: unknown;
  env?: unknown;
  env_vars?: unknown;
}

function parse(text: string, file: string): Record<string, unknown> {
  try {
    return tomlLib().parse(text) as Record<string, unknown>;
  } catch (error) {
    const { line = 1, column = 1 } = error as { line?: number; column?: number };
    throw new UnreadableConfig(file, line, column, `not valid TOML (${(error as Error).message.split('\n')[0]})`);
  }
}

const serversOf = (document: Record<string, unknown>): Record<string, TomlServer> => (document.mcp_servers ?? {}) as Record<string, TomlServer>;

/** Where the table of a server starts and ends (its sub-tables such as .env included), by its header lines. */
function tableSpan(lines: string[], name: string): { start: number; end: number } | undefined {
  // [mcp_servers.<name>] or [mcp_servers."<name>"], and its sub-tables [mcp_servers.<name>.env]
  const header = (line: string) => {
    const match = /^\s*\[\s*mcp_servers\s*\.\s*(?:"([^"]+)"|([A-Za-z0-9_-]+))\s*(\.|\])/.exec(line);
    return match ? { name: match[1] ?? match[2], table: match[3] === ']' } : undefined;
  };
  const start = lines.findIndex((line) => header(line)?.name === name && header(line)?.table);
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !(/^\s*\[/.test(lines[end]!) && header(lines[end]!)?.name !== name)) end++;
  return { start, end };
}

function tableOf(plan: ServerPlan, notes: string[]): Record<string, unknown> {
  const forwarded = plan.secrets.map((secret) => {
    if (secret.serverReadsSource) return secret.source;
    notes.push(
      `Codex forwards variables by name only: export ${secret.variable} (e.g. ${secret.variable}="$${secret.source}") in the shell that starts Codex.`,
    );
    return secret.variable;
  });
  return {
    command: plan.command,
    args: plan.args,
    ...(forwarded.length ? { env_vars: forwarded } : {}),
    ...(plan.command === 'npx' ? { startup_timeout_sec: NPX_STARTUP_TIMEOUT_SEC } : {}),
  };
}

const missingVariableFix = (name: string): string =>
  `Export ${name} in the shell that starts Codex, and list it in env_vars of the server's [mcp_servers.<name>] table (Codex forwards only those).`;

export const codex: McpClient = {
  id: 'codex',
  title: 'Codex',
  docs: 'https://developers.openai.com/codex/mcp',
  secretsFrom: 'environment',
  missingFix: missingVariableFix,
  scopes: ['user', 'project'],
  defaultScope: 'user',
  file: (scope, place) => (scope === 'project' ? join(place.cwd, '.codex', 'config.toml') : join(codexHome(place), 'config.toml')),
  configFiles: (place) => [
    { scope: 'project', file: join(place.cwd, '.codex', 'config.toml') },
    { scope: 'user', file: join(codexHome(place), 'config.toml') },
  ],
  // Codex starts servers in its own working directory, the project's for a project table.
  configArgument: (scope, path) => (scope === 'project' ? 'toolbridge.config.json' : path),
  render(existing, plans, options) {
    const present = serversOf(parse(existing ?? '', options.file));
    const notes: string[] = [];
    let lines = (existing ?? '').split('\n');
    const tables: Record<string, unknown> = {};
    for (const plan of plans) {
      if (present[plan.name]) {
        if (!options.replace) {
          notes.push(`[mcp_servers.${plan.name}] already exists: kept as it is (--replace rewrites it).`);
          continue;
        }
        const span = tableSpan(lines, plan.name);
        if (!span)
          throw new UnreadableConfig(options.file, 1, 1, `mcp_servers.${plan.name} is not written as a [mcp_servers.${plan.name}] table: edit it by hand`);
        lines = [...lines.slice(0, span.start), ...lines.slice(span.end)];
      }
      tables[plan.name] = tableOf(plan, notes);
    }
    const kept = lines.join('\n').replace(/\n*$/, '\n');
    if (!Object.keys(tables).length) return { text: existing ?? '', notes };
    const added = tomlLib().stringify({ mcp_servers: tables });
    const text = `${kept.trim() ? `${kept}\n` : ''}${added.trimStart()}${added.endsWith('\n') ? '' : '\n'}`;
    parse(text, options.file); // what is written must read back
    return { text, notes };
  },
  read(text, file): ConfiguredServer[] {
    const lines = text.split('\n');
    return Object.entries(serversOf(parse(text, file))).flatMap(([name, server]) => {
      if (typeof server.command !== 'string') return [];
      const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
      const env =
        server.env && typeof server.env === 'object' ? Object.fromEntries(Object.entries(server.env).map(([key, value]) => [key, String(value)])) : {};
      const line = (tableSpan(lines, name)?.start ?? 0) + 1;
      return [{ client: 'codex' as const, file, line, name, command: server.command, args: strings(server.args), env, forwarded: strings(server.env_vars) }];
    });
  },
  launch(entry, place) {
    const inherited = Object.fromEntries(
      [...CODEX_DEFAULT_ENV, ...entry.forwarded].flatMap((name) => (place.env[name] === undefined ? [] : [[name, place.env[name]!]])),
    );
    return { command: entry.command, args: entry.args, env: { ...inherited, ...entry.env }, problems: [] };
  },
};

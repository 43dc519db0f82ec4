import { userScopeCommand } from '../clients/claude-code.js';
import { loadToml } from '../clients/codex.js';
import { CLIENT_IDS, CLIENTS, type ClientId, clientById, type McpClient, type Scope } from '../clients/index.js';
import { parseConfig, setAt } from '../clients/json-config.js';
import { applyCommands, applyFileChanges, type FileChange, type Mode, readIfPresent } from '../init/changes.js';
import { configSections, planServer, toolbridgeConfigPath } from '../init/plan.js';
import { choiceFlag, type Io, listFlag, parseFlags, UsageError } from '../io.js';
import { LAUNCHERS, type Launcher } from '../launch.js';
import { keptServices } from '../login/session.js';
import { loginTarget } from '../login/targets.js';
import { SERVERS, type ServerEntry } from '../registry/index.js';
import type { Surroundings } from '../registry/types.js';
import { surroundingsOf } from '../surroundings.js';

const HELP = `Usage: toolbridge init [options]

Adds toolbridge servers to an MCP client's configuration, in that client's own format and place, and writes
toolbridge.config.json (core's defaults) when there is none. Secrets are never written: the configuration
refers to the variables that hold them, or says which to set.

Options:
  --servers <a,b>     ${SERVERS.map((server) => server.id).join(', ')} (default: asked on a terminal, else the ones your environment suggests)
  --client <name>     ${CLIENT_IDS.join(', ')} (default: asked on a terminal, else claude-code)
  --scope <scope>     project or user (default: the client's usual one; Claude Desktop is user only)
  --launcher <how>    npx (default), bin (globally installed servers) or node (servers installed in this project)
  --replace           rewrite entries that already exist (they are kept as they are otherwise)
  --print             show the files as they would be written, write nothing
  --dry-run           show the changes as a diff, write nothing
  -h, --help          this help

Each file changed is backed up first (<file>.bak). A file that cannot be parsed is left alone.`;

const OPTIONS = {
  servers: { type: 'string' },
  client: { type: 'string' },
  scope: { type: 'string' },
  launcher: { type: 'string' },
  replace: { type: 'boolean' },
  print: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Prompts = typeof import('@clack/prompts');

async function askClient(prompts: Prompts): Promise<ClientId> {
  const answer = await prompts.select({
    message: 'Which MCP client should run the servers?',
    options: CLIENTS.map((client) => ({ value: client.id, label: client.title })),
    initialValue: 'claude-code' as ClientId,
  });
  if (prompts.isCancel(answer)) throw new UsageError('cancelled');
  return answer;
}

async function askServers(prompts: Prompts, suggested: readonly ServerEntry[]): Promise<ServerEntry[]> {
  const answer = await prompts.multiselect({
    message: 'Which servers should it run? (space to toggle, enter to accept)',
    options: SERVERS.map((server) => ({ value: server.id, label: server.title, hint: server.summary })),
    initialValues: suggested.map((server) => server.id),
    required: true,
  });
  if (prompts.isCancel(answer)) throw new UsageError('cancelled');
  return SERVERS.filter((server) => answer.includes(server.id));
}

async function chooseServers(flag: string | undefined, surroundings: Surroundings, io: Io, prompts: Prompts | undefined): Promise<ServerEntry[]> {
  const named = listFlag(
    'servers',
    flag,
    SERVERS.map((server) => server.id),
  );
  if (named) return SERVERS.filter((server) => named.includes(server.id));
  const suggested = SERVERS.filter((server) => server.suggested(surroundings));
  if (prompts) return askServers(prompts, suggested);
  if (!suggested.length)
    throw new UsageError(`nothing in the environment suggests a server: name them with --servers (${SERVERS.map((server) => server.id).join(',')}).`);
  io.err(`Servers suggested by the environment: ${suggested.map((server) => server.id).join(', ')} (--servers chooses others).`);
  return suggested;
}

/** toolbridge.config.json with the defaults when new, or with the sections it lacks added (existing keys untouched). */
async function configChange(file: string, sections: Record<string, unknown>): Promise<FileChange> {
  const before = await readIfPresent(file);
  if (before === undefined) return { file, before, after: `${JSON.stringify(sections, null, 2)}\n` };
  const tree = parseConfig(before, file);
  const present = new Set((tree?.children ?? []).map((property) => String(property.children?.[0]?.value)));
  let after = before;
  for (const [key, value] of Object.entries(sections)) if (!present.has(key)) after = setAt(after, [key], value);
  return { file, before, after };
}

/** What to tell the user about secrets: the variables to set, or that the client will ask. */
function secretNotes(client: McpClient, plans: ReturnType<typeof planServer>[], env: NodeJS.ProcessEnv): string[] {
  const secrets = plans.flatMap((plan) => plan.secrets.map((secret) => ({ plan, secret })));
  if (client.secretsFrom === 'prompt')
    return secrets.map(({ plan, secret }) => `${client.title} asks for ${secret.variable} (${secret.description}) the first time it starts "${plan.name}".`);
  if (client.secretsFrom === 'manual') return [];
  return secrets
    .filter(({ secret }) => !env[secret.source])
    .map(({ plan, secret }) => {
      const how = plan.server.variables.find((variable) => variable.name === secret.variable)?.howToGet;
      const login = loginTarget(plan.server.id) ? ` Or run \`toolbridge login ${plan.server.id}\` once and init again: no variable then.` : '';
      return `Set ${secret.source} (${secret.description}) in the environment ${client.title} starts from${how ? `: ${how}` : ''}.${login}`;
    });
}

export async function run(args: string[], io: Io): Promise<number> {
  const flags = parseFlags('init', args, OPTIONS);
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  if (flags.print && flags['dry-run']) throw new UsageError('--print and --dry-run show the same change two ways: choose one.');
  const mode: Mode = flags.print ? 'print' : flags['dry-run'] ? 'dry-run' : 'write';
  const launcher: Launcher = choiceFlag('launcher', flags.launcher, LAUNCHERS) ?? 'npx';
  const place = io.place;
  const prompts = io.interactive && (!flags.client || !flags.servers) ? await import('@clack/prompts') : undefined;
  const surroundings = await surroundingsOf(place.cwd, place.env);

  const client = clientById(choiceFlag('client', flags.client, CLIENT_IDS) ?? (prompts ? await askClient(prompts) : 'claude-code'));
  const scope: Scope = choiceFlag('scope', flags.scope, ['project', 'user'] as const) ?? client.defaultScope;
  if (!client.scopes.includes(scope)) throw new UsageError(`${client.title} has no ${scope} scope: use --scope ${client.scopes.join(' or ')}.`);
  const servers = await chooseServers(flags.servers, surroundings, io, prompts);
  if (client.id === 'codex') await loadToml();

  const configFile = toolbridgeConfigPath(scope, place);
  const kept = await keptServices(
    place.env,
    servers.map((server) => server.id),
  );
  const plans = servers.map((server) => planServer(server, { client, scope, launcher, place, configFile, kept }));
  const output: string[] = [];
  const notes: string[] = [];
  const changes: FileChange[] = [await configChange(configFile, configSections(servers, surroundings))];
  const clientFile = client.file(scope, place);
  if (clientFile) {
    const before = await readIfPresent(clientFile);
    const rendered = client.render(before, plans, { replace: Boolean(flags.replace), file: clientFile });
    changes.push({ file: clientFile, before, after: rendered.text });
    notes.push(...rendered.notes);
  }
  output.push(...(await applyFileChanges(changes, mode)));
  if (!clientFile) output.push(...(await applyCommands({ commands: plans.map(userScopeCommand) }, mode, io)));
  notes.push(...secretNotes(client, plans, place.env));
  for (const id of kept)
    notes.push(`"${id}" uses the credential kept by \`toolbridge login ${id}\` (see \`toolbridge auth status\`): no secret in the client's configuration.`);

  io.out([...output, ...(notes.length ? ['', ...notes.map((note) => `• ${note}`)] : [])].join('\n'));
  if (mode === 'write') io.out(`\nNext: \`toolbridge doctor --client ${client.id}\` starts each server as ${client.title} will and checks its credential.`);
  return 0;
}

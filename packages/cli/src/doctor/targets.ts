import { relative } from 'node:path';
import { loadToml } from '../clients/codex.js';
import { CLIENTS, type ClientId, type ConfiguredServer, type McpClient, type Place, UnreadableConfig } from '../clients/index.js';
import type { ConfigProblem } from '../clients/types.js';
import { readIfPresent } from '../init/changes.js';
import { installedBin } from '../launch.js';
import { type ServerEntry, serverOfCommand } from '../registry/index.js';

/** A server to start: what runs it, how the client would start it, and what is already known to be wrong. */
export interface Target {
  server: ServerEntry;
  /** The entry's name in the client configuration (or the server's id). */
  name: string;
  /** Where it was configured: "claude-code .mcp.json:3", or "environment" for --servers without a configuration. */
  where: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  problems: ConfigProblem[];
  missingFix(name: string): string;
}

export interface Targets {
  targets: Target[];
  /** Client configuration files that could not be parsed. */
  unreadable: UnreadableConfig[];
}

const shown = (file: string, place: Place) => {
  const inside = relative(place.cwd, file);
  return inside.startsWith('..') ? file.replace(place.home, '~') : inside;
};

function targetOf(client: McpClient, entry: ConfiguredServer, server: ServerEntry, place: Place): Target {
  const launch = client.launch(entry, place);
  return {
    server,
    name: entry.name,
    where: `${client.id} ${shown(entry.file, place)}:${entry.line}`,
    command: launch.command,
    args: launch.args,
    env: launch.env,
    cwd: place.cwd,
    problems: launch.problems,
    missingFix: client.missingFix,
  };
}

/** Every toolbridge server the clients' configuration files name (all clients, or those asked for). */
export async function configuredTargets(place: Place, clients: readonly ClientId[] | undefined, servers: readonly string[] | undefined): Promise<Targets> {
  const targets: Target[] = [];
  const unreadable: UnreadableConfig[] = [];
  for (const client of CLIENTS.filter((candidate) => !clients || clients.includes(candidate.id))) {
    if (client.id === 'codex') await loadToml();
    for (const { file } of client.configFiles(place)) {
      const text = await readIfPresent(file);
      if (text === undefined) continue;
      try {
        for (const entry of client.read(text, file, place)) {
          const server = serverOfCommand(entry.command, entry.args);
          if (server && (!servers || servers.includes(server.id))) targets.push(targetOf(client, entry, server, place));
        }
      } catch (error) {
        if (!(error instanceof UnreadableConfig)) throw error;
        unreadable.push(error);
      }
    }
  }
  return { targets, unreadable };
}

/** A server started from this environment, without a client configuration: the copy installed here, else npx. */
export function environmentTarget(server: ServerEntry, place: Place, extraArgs: readonly string[] = []): Target {
  let command = 'npx';
  let args = ['-y', server.package];
  try {
    args = [installedBin(server, place.cwd)];
    command = process.execPath;
  } catch {
    // not installed here: npx fetches it
  }
  const env = Object.fromEntries(Object.entries(place.env).filter((pair): pair is [string, string] => pair[1] !== undefined));
  return {
    server,
    name: server.id,
    where: 'environment',
    command,
    args: [...args, ...extraArgs],
    env,
    cwd: place.cwd,
    problems: [],
    missingFix: (name) => `Set ${name} in this shell (export ${name}=…).`,
  };
}

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { McpClient, Place, Scope, ServerPlan } from '../clients/index.js';
import type { SecretReference } from '../clients/types.js';
import { type Launcher, launchCommand } from '../launch.js';
import type { ServerEntry } from '../registry/index.js';
import type { Surroundings } from '../registry/types.js';

/** Where toolbridge.config.json lives: the project's root, or ~/.toolbridge/config.json for user-wide setups. */
export const toolbridgeConfigPath = (scope: Scope, place: Place): string =>
  scope === 'project' ? join(place.cwd, 'toolbridge.config.json') : join(place.home, '.toolbridge', 'config.json');

/**
 * The secrets a server needs, each referring to the variable of the environment that holds it (when one does):
 * a variable the server reads itself keeps its name (SLACK_USER_TOKEN stays a user token), one it does not
 * (GH_TOKEN) is passed on under the server's name.
 */
export function secretsOf(server: ServerEntry, env: NodeJS.ProcessEnv): SecretReference[] {
  const references = server.variables
    .filter((variable) => variable.secret)
    .filter((variable) => server.requires.includes(variable.name) || env[variable.name])
    .map((variable) => {
      const readByServer = [variable.name, ...(variable.alternatives ?? [])];
      const source = [...readByServer, ...(variable.sources ?? [])].find((name) => env[name]) ?? variable.name;
      const serverReadsSource = readByServer.includes(source);
      return { variable: serverReadsSource ? source : variable.name, source, description: variable.description, serverReadsSource };
    });
  return references.filter((reference, index) => references.findIndex((other) => other.variable === reference.variable) === index);
}

/** A command's absolute path on PATH, for clients (Claude Desktop) that do not start from the user's shell. */
function absoluteCommand(command: string, place: Place): string {
  try {
    const finder = place.platform === 'win32' ? 'where' : 'which';
    return execFileSync(finder, [command], { env: place.env, encoding: 'utf8' }).split(/\r?\n/)[0]!.trim() || command;
  } catch {
    return command;
  }
}

export interface PlanOptions {
  client: McpClient;
  scope: Scope;
  launcher: Launcher;
  place: Place;
  configFile: string;
  /** Servers whose credential `toolbridge login` kept: no secret, not even a reference, goes in the client's file. */
  kept?: ReadonlySet<string>;
}

export function planServer(server: ServerEntry, options: PlanOptions): ServerPlan {
  const { command, args } = launchCommand(server, options.launcher, options.place.cwd);
  return {
    name: server.id,
    server,
    command: options.client.secretsFrom === 'manual' ? absoluteCommand(command, options.place) : command,
    args: [...args, '--config', options.client.configArgument(options.scope, options.configFile, options.place)],
    secrets: options.kept?.has(server.id) ? [] : secretsOf(server, options.place.env),
  };
}

/** The defaults of core's globalSettings and security (the root README's example), written out so they can be edited. */
const DEFAULTS = {
  globalSettings: {
    maxConcurrentConnections: 10,
    connectionTimeout: 30_000,
    callTimeout: 45_000,
    retryAttempts: 3,
    logLevel: 'info',
    cacheEnabled: true,
    cacheTTL: 60,
    maxOutputChars: 40_000,
  },
  // allowedDomains is left out on purpose: without it each server reaches its own service's hosts only.
  security: {
    enableSandbox: true,
    blockedDomains: [],
    maxRequestSize: '10MB',
    maxResponseSize: '50MB',
    rateLimit: { requests: 100, window: 60_000 },
  },
};

/** The sections toolbridge.config.json should have for these servers: the defaults and what the surroundings tell. */
export function configSections(servers: readonly ServerEntry[], surroundings: Surroundings): Record<string, unknown> {
  const sections: Record<string, unknown> = { ...DEFAULTS };
  for (const server of servers) {
    const settings = server.settings?.(surroundings);
    if (settings) sections[server.id] = settings;
  }
  return sections;
}

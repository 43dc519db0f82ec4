import { database } from './database.js';
import { github } from './github.js';
import { linear } from './linear.js';
import { sentry } from './sentry.js';
import { slack } from './slack.js';
import type { ServerEntry } from './types.js';

export type { ServerEntry, ServerVariable } from './types.js';

/** Every server the CLI knows, in the order it offers them. A new server is one entry here. */
export const SERVERS: readonly ServerEntry[] = [github, slack, linear, sentry, database];

export function serverById(id: string): ServerEntry | undefined {
  return SERVERS.find((server) => server.id === id);
}

/** The server a client configuration entry runs, recognised by its package or bin name in the command line. */
export function serverOfCommand(command: string, args: readonly string[]): ServerEntry | undefined {
  const words = [command, ...args];
  const runs = (server: ServerEntry, word: string) =>
    word === server.package ||
    word.startsWith(`${server.package}@`) ||
    word.includes(`${server.package}/`) ||
    word === server.bin ||
    word.endsWith(`/${server.bin}`) ||
    word.endsWith(`/${server.id}/dist/bin.js`);
  return SERVERS.find((server) => words.some((word) => runs(server, word)));
}

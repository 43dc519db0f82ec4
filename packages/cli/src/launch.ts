import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { ServerEntry } from './registry/index.js';

/**
 * How a client starts a server:
 * - npx: `npx -y @toolbridge/github` (nothing to install; npx uses a copy installed in the project first)
 * - bin: `toolbridge-github`, for servers installed globally (`npm i -g @toolbridge/github`): the fastest start
 * - node: `node /abs/path/dist/bin.js`, the server installed next to this CLI or in the project (a clone of the repository)
 */
export const LAUNCHERS = ['npx', 'bin', 'node'] as const;
export type Launcher = (typeof LAUNCHERS)[number];

export interface CommandLine {
  command: string;
  args: string[];
}

export function launchCommand(server: ServerEntry, launcher: Launcher, cwd: string): CommandLine {
  if (launcher === 'npx') return { command: 'npx', args: ['-y', server.package] };
  if (launcher === 'bin') return { command: server.bin, args: [] };
  return { command: 'node', args: [installedBin(server, cwd)] };
}

/** The server's bin as installed in the project (cwd) or next to this CLI; a clear error when neither has it. */
export function installedBin(server: ServerEntry, cwd: string): string {
  for (const from of [join(resolve(cwd), 'package.json'), import.meta.url]) {
    const manifest = resolveManifest(server.package, from);
    if (!manifest) continue;
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> };
    const relative = typeof bin === 'string' ? bin : bin?.[server.bin];
    const path = relative && resolve(dirname(manifest), relative);
    if (path && existsSync(path)) return path;
  }
  throw new Error(`${server.package} is not installed here: install it (npm i -D ${server.package}), or use --launcher npx`);
}

function resolveManifest(name: string, from: string): string | undefined {
  try {
    return createRequire(from).resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
}

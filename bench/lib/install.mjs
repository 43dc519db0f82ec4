// On-demand installs with npm (never the workspace's pnpm): bench/node_modules for the tokenizer and
// bench/peers/node_modules for the peer servers. No lock files: they would pin a registry host.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** True when every dependency in dir/package.json is present in dir/node_modules. */
export function isInstalled(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return Object.keys(manifest.dependencies ?? {}).every((name) => existsSync(join(dir, 'node_modules', ...name.split('/'), 'package.json')));
}

/** Installs dir's dependencies unless present; resolves to undefined or the reason it failed. */
export async function ensureInstalled(dir, log) {
  if (isInstalled(dir)) return undefined;
  log(`installing ${join(dir, 'package.json')} dependencies with npm…`);
  try {
    await run('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], {
      cwd: dir,
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return undefined;
  } catch (error) {
    return `npm install failed: ${String(error.stderr || error.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' ')}`;
  }
}

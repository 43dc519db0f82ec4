// The packages as users receive them: which packages are published, which of them are servers, and their
// tarballs as `pnpm pack` writes them (workspace: ranges resolved, publishConfig applied).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { externalsIn } from '../bin-bundle-options.mjs';

const run = promisify(execFile);

/** A server's bin is toolbridge-<name>; the cli's is toolbridge. */
const SERVER_BIN = 'toolbridge-';

export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Every package that is published (not private), read from packages/*: a new server joins every check by
 * being there. `server` is true for an MCP server (its bin is toolbridge-<name>), false for the cli.
 */
export function publishedPackages(root = ROOT_DIR) {
  const packagesDir = join(root, 'packages');
  const found = [];
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    const dir = join(packagesDir, entry.name);
    const manifestFile = join(dir, 'package.json');
    if (!entry.isDirectory() || !existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.private) continue;
    found.push({ dir, folder: entry.name, manifest, hasBin: Boolean(manifest.bin), server: binNames(manifest).some((bin) => bin.startsWith(SERVER_BIN)) });
  }
  return found.sort((a, b) => a.folder.localeCompare(b.folder));
}

/** The packages with a bin: what a user installs and runs (every server and the cli). */
export function installablePackages() {
  return publishedPackages().filter((pkg) => pkg.hasBin);
}

/** What the bin bundle leaves out (the build script's `--external` names): all a bin may need at run time. */
export function bundleExternals(manifest) {
  return externalsIn((manifest.scripts?.build ?? '').split(/\s+/));
}

/** Packs one package into destination; resolves to the tarball's path. */
export async function pack(pkg, destination) {
  const { stdout } = await run('pnpm', ['pack', '--pack-destination', destination], { cwd: pkg.dir, maxBuffer: 16 * 1024 * 1024 });
  const tarball = stdout
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .findLast((line) => line.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack printed no tarball for ${pkg.manifest.name}:\n${stdout}`);
  return resolve(pkg.dir, tarball);
}

/** The bin names a package installs, from its manifest. */
export function binNames(manifest) {
  return typeof manifest.bin === 'string' ? [manifest.name.split('/').pop()] : Object.keys(manifest.bin ?? {});
}

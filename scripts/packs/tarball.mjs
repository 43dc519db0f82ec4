// What a packed tarball holds and whether it is what a user should receive: a manifest that declares only
// what the bundle leaves out, registry metadata, files that exist, and source maps that resolve (or none).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { bundleExternals } from './packages.mjs';

const run = promisify(execFile);

/** Extracts a tarball; resolves to the package directory (`package/` inside it). */
export async function extract(tarball) {
  const into = await mkdtemp(join(tmpdir(), 'toolbridge-tarball-'));
  await run('tar', ['xzf', tarball, '-C', into]);
  return join(into, 'package');
}

/** Every file under dir, as paths relative to it. */
export function filesUnder(dir, base = dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path, base));
    else files.push(relative(base, path));
  }
  return files;
}

/** Apparent size of every file under dir, in bytes. */
export function sizeOf(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += sizeOf(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

const METADATA = ['description', 'keywords', 'homepage', 'bugs', 'repository', 'license', 'author'];

/** Problems with a packed manifest: what users' npm reads. */
export function manifestProblems(manifest, { server }) {
  const problems = [];
  for (const field of METADATA) {
    const value = manifest[field];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) problems.push(`package.json has no ${field}`);
  }
  if (manifest.repository && !manifest.repository.url) problems.push('package.json repository has no url');
  if (manifest.bugs && !manifest.bugs.url) problems.push('package.json bugs has no url');
  if (server && !manifest.mcpName) problems.push('package.json has no mcpName (the MCP registry checks it against server.json)');
  for (const kind of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    for (const [name, range] of Object.entries(manifest[kind] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${kind}.${name} is still ${range}`);
    }
  }
  if (manifest.bin) {
    // The bin is a bundle: anything it does not leave out is inside it, and a declared dependency would
    // only make every install bigger.
    const externals = new Set(bundleExternals(manifest));
    for (const kind of ['dependencies', 'optionalDependencies']) {
      for (const name of Object.keys(manifest[kind] ?? {})) {
        if (!externals.has(name)) problems.push(`${kind}.${name} is bundled into the bin: declare it in devDependencies`);
      }
    }
  }
  return problems;
}

/** The files a manifest points at (bin, main, exports) that the tarball lacks. */
export function missingEntryPoints(manifest, dir) {
  const targets = [];
  const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  targets.push(...bins, ...[manifest.main, manifest.types].filter(Boolean));
  const walk = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') for (const inner of Object.values(value)) walk(inner);
  };
  walk(manifest.exports);
  return targets.filter((target) => !target.includes('*') && !existsSync(resolve(dir, target))).map((target) => `${target} is not in the tarball`);
}

/** A relative require() that esbuild left in a bundle: one of a server's side bundles (dist/chunks/). */
const RELATIVE_REQUIRE = /\brequire\("(\.\.?\/[^"]+)"\)/g;

/** The files that a shipped CommonJS bundle requires by a relative path but the tarball lacks. */
export function missingRequires(dir, files) {
  const shipped = new Set(files);
  return files
    .filter((file) => file.endsWith('.cjs'))
    .flatMap((file) =>
      [...readFileSync(join(dir, file), 'latin1').matchAll(RELATIVE_REQUIRE)]
        .filter(([, target]) => !shipped.has(join(dirname(file), target)))
        .map(([, target]) => `${file} requires ${target}, which is not shipped`),
    );
}

const MAP_COMMENT = /^\/\/# sourceMappingURL=(?<url>\S+)\s*$/m;

/**
 * Source maps that work or none: every sourceMappingURL comment names a shipped map, and every map's
 * sources are shipped (or embedded as sourcesContent).
 */
export function sourceMapProblems(dir, files) {
  const problems = [];
  const shipped = new Set(files);
  for (const file of files) {
    if (/\.(c|m)?js$|\.d\.ts$/.test(file)) {
      const url = MAP_COMMENT.exec(readFileSync(join(dir, file), 'utf8'))?.groups?.url;
      if (url && !url.startsWith('data:') && !shipped.has(join(dirname(file), url))) problems.push(`${file} points at ${url}, which is not shipped`);
    }
    if (file.endsWith('.map')) {
      const map = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      map.sources.forEach((source, index) => {
        if (map.sourcesContent?.[index] != null) return;
        const path = join(dirname(file), map.sourceRoot ?? '', source);
        if (!shipped.has(path)) problems.push(`${file} maps to ${source}, which is not shipped`);
      });
    }
  }
  return problems;
}

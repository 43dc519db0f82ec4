// Where a toolbridge bin's start-up goes: what its bundle is made of (esbuild metafile, same options as
// scripts/bundle-bin.mjs), its first launch against later ones (the code cache), and what each direct
// dependency costs to import on its own (fresh process each).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { corePrelude, externalsIn, serverBundleOptions } from '../../scripts/bin-bundle-options.mjs';
import { ROOT_DIR } from '../lib/paths.mjs';
import { withSession } from '../lib/session.mjs';
import { median } from '../lib/stats.mjs';

const run = promisify(execFile);

/** Package a bundled input file belongs to: the last node_modules segment, or the workspace package. */
function packageOf(input) {
  if (input.startsWith('toolbridge:')) return 'bin prelude (with the build-time JSON Schemas)';
  const parts = input.split('node_modules/');
  if (parts.length > 1) {
    const rest = parts.at(-1).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(input);
  return workspace ? `@toolbridge/${workspace[1]}` : input;
}

/**
 * What a server's bundle (dist/server.cjs, one script) is made of, by package, as scripts/bundle-bin.mjs
 * builds it. Its code is read from V8's code cache from the second launch on (see firstAndLaterLaunches).
 */
export async function bundleComposition(packageDir) {
  const esbuild = createRequire(join(ROOT_DIR, 'scripts', 'bundle-bin.mjs'))('esbuild');
  const buildScript = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).scripts?.build ?? '';
  const result = await esbuild.build({
    ...serverBundleOptions(externalsIn(buildScript.split(/\s+/)), await corePrelude(packageDir)),
    absWorkingDir: packageDir,
    outdir: join(packageDir, 'dist', 'bench-profile'),
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  const byPackage = new Map();
  let total = 0;
  for (const output of Object.values(result.metafile.outputs)) {
    total += output.bytes;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return { total, packages: [...byPackage.entries()].sort((a, b) => b[1] - a[1]) };
}

/**
 * spawn → tools/list of a launch with an empty cache directory (the first after an install or upgrade:
 * no code cache yet, so V8 compiles the bundle) and of later launches, median of `runs` each.
 */
export async function firstAndLaterLaunches(target, runs = 5) {
  const first = [];
  const later = [];
  const warm = await mkdtemp(join(tmpdir(), 'toolbridge-bench-cache-'));
  try {
    await withSession(target, { extraEnv: { TOOLBRIDGE_CACHE_DIR: warm } }, () => undefined);
    for (let run = 0; run < runs; run++) {
      const empty = await mkdtemp(join(tmpdir(), 'toolbridge-bench-cache-'));
      try {
        first.push(await withSession(target, { extraEnv: { TOOLBRIDGE_CACHE_DIR: empty } }, (opened) => opened.listMs));
      } finally {
        await rm(empty, { recursive: true, force: true });
      }
      later.push(await withSession(target, { extraEnv: { TOOLBRIDGE_CACHE_DIR: warm } }, (opened) => opened.listMs));
    }
    return { first: median(first), later: median(later), cacheBytes: await directoryBytes(join(warm, 'v8')) };
  } finally {
    await rm(warm, { recursive: true, force: true });
  }
}

async function directoryBytes(dir) {
  let bytes = 0;
  for (const name of await readdir(dir)) bytes += (await stat(join(dir, name))).size;
  return bytes;
}

const IMPORT_SCRIPT = `const t=performance.now();await import(process.argv[1]);process.stdout.write(String(performance.now()-t))`;

/** ms to import one specifier from packageDir in a fresh process (median of `runs`). */
async function importMs(packageDir, specifier, runs) {
  const samples = [];
  for (let index = 0; index < runs; index++) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', IMPORT_SCRIPT, specifier], { cwd: packageDir, timeout: 30_000 });
    samples.push(Number(stdout));
  }
  return median(samples);
}

/**
 * Import cost of each declared dependency the bin carries at start (`inBundle`: package names from
 * bundleComposition; bundled packages are devDependencies), heaviest first, plus the package's dist/index.js.
 */
export async function importCosts(packageDir, inBundle, runs = 3) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const declared = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})];
  const costs = [];
  for (const name of declared.filter((candidate) => inBundle.has(candidate))) {
    const specifier = name === '@modelcontextprotocol/sdk' ? '@modelcontextprotocol/sdk/server/index.js' : name;
    try {
      costs.push({ name: specifier, ms: await importMs(packageDir, specifier, runs) });
    } catch (error) {
      costs.push({ name: specifier, error: String(error.message).split('\n')[0] });
    }
  }
  if (existsSync(join(packageDir, 'dist', 'index.js'))) {
    costs.push({
      name: `${manifest.name} (dist/index.js, unbundled, everything)`,
      ms: await importMs(packageDir, join(packageDir, 'dist', 'index.js'), runs),
      total: true,
    });
  }
  return costs.sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0));
}

// Where a toolbridge bin's start-up goes: what its bundle is made of (esbuild metafile, same options as
// scripts/bundle-bin.mjs) and what each direct dependency costs to import on its own (fresh process each).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { binBundleOptions, corePrelude, externalsIn } from '../../scripts/bin-bundle-options.mjs';
import { ROOT_DIR } from '../lib/paths.mjs';
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
 * What the bin's bundle is made of, split as scripts/bundle-bin.mjs splits it: the bytes compiled at
 * start (the entry and the chunks it imports statically) by package, and the bytes left in chunks that
 * load at first use.
 */
export async function bundleComposition(packageDir) {
  const esbuild = createRequire(join(ROOT_DIR, 'scripts', 'bundle-bin.mjs'))('esbuild');
  const buildScript = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).scripts?.build ?? '';
  const result = await esbuild.build({
    ...binBundleOptions(externalsIn(buildScript.split(/\s+/)), await corePrelude(packageDir)),
    absWorkingDir: packageDir,
    outdir: join(packageDir, 'dist', 'bench-profile'),
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((path) => path.endsWith('/bin.js'));
  const atStart = new Set();
  // The entry's own dynamic import is the server itself (the prelude loads it at once): part of the start.
  const visit = (path, isEntry = false) => {
    if (atStart.has(path) || !outputs[path]) return;
    atStart.add(path);
    for (const imported of outputs[path].imports) {
      if (imported.kind === 'import-statement' || (isEntry && imported.kind === 'dynamic-import')) visit(imported.path);
    }
  };
  visit(entry, true);
  const byPackage = new Map();
  let startBytes = 0;
  let lazyBytes = 0;
  for (const [path, output] of Object.entries(outputs)) {
    if (!atStart.has(path)) {
      lazyBytes += output.bytes;
      continue;
    }
    startBytes += output.bytes;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return { total: startBytes, lazy: lazyBytes, packages: [...byPackage.entries()].sort((a, b) => b[1] - a[1]) };
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

// A server's bin (dist/bin.js) is this loader and its bundle (dist/server.cjs, with the side bundles it
// requires at first use in dist/chunks/). The loader compiles the bundle with V8's code cache, kept in the
// cache directory per build and Node version: from the second launch on, V8 reads the compiled code
// instead of parsing and compiling about 1 MB of JavaScript, and the cache is taken after the first
// tools/list, so it also holds every function the start-up ran.
// Node's own module compile cache (22.1+) keeps only what compiling a module produces, before it runs,
// and Node 20 has none for ES modules, hence a CommonJS bundle run through vm.Script.
// Node built-ins only: this file is all that runs before the bundle.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import module from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { cacheDir, writeCacheFile } from './cache-dir.js';

/** What the bundle's entry exports (scripts/bin-bundle-options.mjs writes it). */
export interface ServerBundle {
  onStarted(callback: () => void): void;
}

/** The bundle to run, and which server and exact build it is (`build`: a hash of the bundle). */
export interface BundleInfo {
  url: URL;
  server: string;
  build: string;
}

/**
 * Runs the bundle next to the bin. V8 checks a cache against the source's length only, so a cache is
 * named by its build (a hash of the bundle and its side bundles) and never looked up for another one; a
 * new build's cache replaces the old ones.
 */
export function loadServer(info: BundleInfo, env: NodeJS.ProcessEnv = process.env): ServerBundle {
  const file = fileURLToPath(info.url);
  const cacheFile = codeCacheFile(info, env);
  const cachedData = cacheFile ? readCache(cacheFile) : undefined;
  const { exports, script } = run(file, cachedData, sideBundleRequire(file, info, env, new Map()));
  const bundle = exports as ServerBundle;
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    bundle.onStarted(() => writeCache(cacheFile, script.createCachedData(), info));
  }
  return bundle;
}

/** Compiles a CommonJS file, with V8's code cache when there is one, and runs it. */
function run(file: string, cachedData: Buffer | undefined, require: NodeJS.Require): { exports: unknown; script: Script } {
  // The build writes ASCII only (non-ASCII escaped): read as latin1, it needs no UTF-8 decoding.
  const script = new Script(module.wrap(readFileSync(file, 'latin1')), { filename: file, cachedData });
  const loaded = { exports: {} };
  script.runInThisContext()(loaded.exports, require, loaded, file, dirname(file));
  return { exports: loaded.exports, script };
}

/**
 * The require() of a bundle: its side bundles (a relative `.cjs`, in dist/chunks/: what only some
 * launches use) load with a code cache of their own, taken right after their first run, since without
 * one V8 would parse all of a side bundle at its first use; anything else loads as Node loads it.
 */
function sideBundleRequire(from: string, info: BundleInfo, env: NodeJS.ProcessEnv, loaded: Map<string, unknown>): NodeJS.Require {
  const nodeRequire = module.createRequire(from);
  const require = (id: string): unknown => {
    if (!/^\.\.?\/.*\.cjs$/.test(id)) return nodeRequire(id);
    const file = resolve(dirname(from), id);
    if (!loaded.has(file)) {
      const cacheFile = codeCacheFile(info, env, basename(file, '.cjs'));
      const cachedData = cacheFile ? readCache(cacheFile) : undefined;
      const { exports, script } = run(file, cachedData, sideBundleRequire(file, info, env, loaded));
      if (cacheFile && (!cachedData || script.cachedDataRejected)) writeCache(cacheFile, script.createCachedData(), info);
      loaded.set(file, exports);
    }
    return loaded.get(file);
  };
  return Object.assign(require, nodeRequire);
}

/** TOOLBRIDGE_CODE_CACHE_DIR, else v8/ in the cache directory; `part`: a side bundle's name. */
function codeCacheFile(info: BundleInfo, env: NodeJS.ProcessEnv, part?: string): string | undefined {
  try {
    const dir = env.TOOLBRIDGE_CODE_CACHE_DIR || join(cacheDir(env), 'v8');
    return join(dir, `${info.server}@${info.build}${part ? `-${part}` : ''}-${process.version}-${process.arch}.bin`);
  } catch {
    return undefined; // no writable cache directory: every launch compiles, as without the cache
  }
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** A failure costs only speed: the next launch compiles again. */
function writeCache(file: string, data: Buffer, info: BundleInfo): void {
  if (writeCacheFile(file, data)) removeOtherBuilds(dirname(file), info);
}

/** Caches of the same server's earlier builds (an upgrade): those files are never read again. */
function removeOtherBuilds(dir: string, info: BundleInfo): void {
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`${info.server}@`) && !name.startsWith(`${info.server}@${info.build}-`)) rmSync(join(dir, name), { force: true });
  }
}

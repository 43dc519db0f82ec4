// A server's bin (dist/bin.js) is this loader and its bundle (dist/server.cjs). The loader compiles the
// bundle with V8's code cache, kept in the cache directory per build and Node version: from the second
// launch on, V8 reads the compiled code instead of parsing and compiling about 1 MB of JavaScript, and
// the cache is taken after the first tools/list, so it also holds every function the start-up ran.
// Node's own module compile cache (22.1+) keeps only what compiling a module produces, before it runs,
// and Node 20 has none for ES modules, hence a CommonJS bundle run through vm.Script.
// Node built-ins only: this file is all that runs before the bundle.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
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
 * named by its build and never looked up for another one; a new build's cache replaces the old ones.
 */
export function loadServer(info: BundleInfo, env: NodeJS.ProcessEnv = process.env): ServerBundle {
  const file = fileURLToPath(info.url);
  const cacheFile = codeCacheFile(info, env);
  const cachedData = cacheFile ? readCache(cacheFile) : undefined;
  // The build writes ASCII only (non-ASCII escaped): read as latin1, it needs no UTF-8 decoding.
  const script = new Script(module.wrap(readFileSync(file, 'latin1')), { filename: file, cachedData });
  const bundle = { exports: {} as ServerBundle };
  script.runInThisContext()(bundle.exports, module.createRequire(file), bundle, file, dirname(file));
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    bundle.exports.onStarted(() => writeCache(cacheFile, script.createCachedData(), info));
  }
  return bundle.exports;
}

/** TOOLBRIDGE_CODE_CACHE_DIR, else v8/ in the cache directory. */
function codeCacheFile(info: BundleInfo, env: NodeJS.ProcessEnv): string | undefined {
  try {
    const dir = env.TOOLBRIDGE_CODE_CACHE_DIR || join(cacheDir(env), 'v8');
    return join(dir, `${info.server}@${info.build}-${process.version}-${process.arch}.bin`);
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

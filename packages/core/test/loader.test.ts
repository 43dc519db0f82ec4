import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const LOADER = pathToFileURL(resolve(import.meta.dirname, '../dist/loader.js')).href;

// A bundle as the build writes one: CommonJS, exporting onStarted; `finishStart` stands for core
// reaching the end of its start-up, and says whether the loader was waiting for it.
const BUNDLE = `
let callback;
exports.onStarted = (fn) => { callback = fn; };
exports.finishStart = () => { const waiting = Boolean(callback); callback?.(); callback = undefined; return waiting; };
exports.answer = [1, 2, 3].map((n) => n * 14).at(-1);
`;

/** Each launch is a process of its own, as a bin's is: V8 consults a code cache only for a script it has not compiled yet. */
function launch(url: URL, build: string, env: Record<string, string>): { answer: number; waiting: boolean } {
  const script = `import { loadServer } from ${JSON.stringify(LOADER)};
const bundle = loadServer({ url: new URL(${JSON.stringify(url.href)}), server: 'demo', build: ${JSON.stringify(build)} });
process.stdout.write(JSON.stringify({ answer: bundle.answer, waiting: bundle.finishStart() }));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

describe('the bin loader and its code cache', () => {
  let dir: string;
  let cache: string;
  let url: URL;
  const load = (build: string) => launch(url, build, { TOOLBRIDGE_CACHE_DIR: cache });
  const cacheFiles = () => readdirSync(join(cache, 'v8')).sort();
  const cacheFile = (build: string) => `demo@${build}-${process.version}-${process.arch}.bin`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'toolbridge-loader-'));
    cache = join(dir, 'cache');
    writeFileSync(join(dir, 'server.cjs'), BUNDLE);
    url = pathToFileURL(join(dir, 'server.cjs'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle, and keeps its compiled code once start-up is over', () => {
    expect(load('b1')).toEqual({ answer: 42, waiting: true });
    expect(cacheFiles()).toEqual([cacheFile('b1')]);
    expect(statSync(join(cache, 'v8', cacheFile('b1'))).mode & 0o777).toBe(0o600);
  });

  it('starts from the cache the next time, without writing it again', () => {
    load('b1');
    expect(load('b1')).toEqual({ answer: 42, waiting: false });
  });

  it('replaces a cache V8 rejects', () => {
    load('b1');
    writeFileSync(join(cache, 'v8', cacheFile('b1')), 'not a code cache');
    expect(load('b1')).toEqual({ answer: 42, waiting: true });
    expect(statSync(join(cache, 'v8', cacheFile('b1'))).size).toBeGreaterThan(100);
  });

  it('runs each side bundle the bundle requires once, with a code cache of its own', () => {
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, 'chunks', 'side.cjs'), 'exports.runs = globalThis.sideRuns = (globalThis.sideRuns ?? 0) + 1; exports.factor = 14;');
    const twice = "require('./chunks/side.cjs').factor * 3 * require('./chunks/side.cjs').runs";
    writeFileSync(join(dir, 'server.cjs'), BUNDLE.replace('[1, 2, 3].map((n) => n * 14).at(-1)', twice));
    const sideCache = join(cache, 'v8', `demo@b1-side-${process.version}-${process.arch}.bin`);
    expect(load('b1')).toEqual({ answer: 42, waiting: true });
    expect(cacheFiles()).toEqual([cacheFile('b1'), `demo@b1-side-${process.version}-${process.arch}.bin`].sort());
    const written = statSync(sideCache).mtimeMs;
    expect(load('b1')).toEqual({ answer: 42, waiting: false });
    expect(statSync(sideCache).mtimeMs).toBe(written);
  });

  it('keeps the cache in TOOLBRIDGE_CODE_CACHE_DIR when it is set', () => {
    const shared = join(dir, 'shared');
    launch(url, 'b1', { TOOLBRIDGE_CACHE_DIR: cache, TOOLBRIDGE_CODE_CACHE_DIR: shared });
    expect(readdirSync(shared)).toEqual([cacheFile('b1')]);
  });

  it("drops the caches of the server's earlier builds, and leaves other servers' alone", () => {
    load('b1');
    writeFileSync(join(cache, 'v8', 'other@b1-v0-x64.bin'), 'another server');
    load('b2');
    expect(cacheFiles()).toEqual([cacheFile('b2'), 'other@b1-v0-x64.bin'].sort());
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installTarball, listTools, requireAll, runBin } from '../packs/install.mjs';
import { binNames, installablePackages, pack, publishedPackages } from '../packs/packages.mjs';
import { extract, filesUnder, manifestProblems, missingEntryPoints, missingRequires, sourceMapProblems } from '../packs/tarball.mjs';

/**
 * How each server starts with no credentials and no network: most need nothing; the database server needs
 * a DSN (a closed loopback port: it answers tools/list without connecting).
 */
const START = { database: { env: { DATABASE_URL: 'postgres://check@127.0.0.1:9/none' } } };

let destination;
beforeAll(async () => {
  destination = await mkdtemp(join(tmpdir(), 'toolbridge-packs-'));
});

/** A server's loader and its bundle (with its side bundles in dist/chunks/), or another bin with its lazy chunks. */
const BIN_FILES = new Set(['dist/bin.js', 'dist/server.cjs']);

describe.each(publishedPackages().map((pkg) => [pkg.manifest.name, pkg]))('%s as packed', (_name, pkg) => {
  let dir;
  let files;
  let manifest;
  beforeAll(async () => {
    dir = await extract(await pack(pkg, destination));
    files = filesUnder(dir);
    manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  });

  it('declares only what its bundle leaves out, with registry metadata and no workspace ranges', () => {
    expect(manifestProblems(manifest, pkg)).toEqual([]);
  });

  it('ships every file its manifest points at, and every side bundle its bundle requires', () => {
    expect(missingEntryPoints(manifest, dir)).toEqual([]);
    expect(missingRequires(dir, files)).toEqual([]);
    if (pkg.server) expect(files).toContain('server.json');
  });

  it('ships source maps that resolve, or none', () => {
    expect(sourceMapProblems(dir, files)).toEqual([]);
    if (pkg.hasBin) expect(files.filter((file) => file.startsWith('dist/') && !file.startsWith('dist/chunks/') && !BIN_FILES.has(file))).toEqual([]);
  });
});

describe.each(installablePackages().map((pkg) => [pkg.manifest.name, pkg]))('%s installed from its tarball with npm', (_name, pkg) => {
  let installed;
  let lean;
  beforeAll(async () => {
    const tarball = await pack(pkg, destination);
    installed = await installTarball(tarball);
    // better-sqlite3 (the database server's SQLite on Node 20) is optional: sized apart.
    lean = pkg.manifest.optionalDependencies ? await installTarball(tarball, { omitOptional: true }) : installed;
  });

  it('installs without engine warnings, under 15 MB without optional dependencies', () => {
    expect(installed.warnings.filter((line) => /EBADENGINE/.test(line))).toEqual([]);
    expect(lean.bytes).toBeLessThan(15 * 1024 * 1024);
  });

  it.each(binNames(pkg.manifest))('%s starts and answers', async (bin) => {
    const binPath = join(installed.dir, 'node_modules', '.bin', bin);
    expect(existsSync(binPath)).toBe(true);
    if (pkg.server) {
      const tools = await listTools(binPath, START[pkg.folder]);
      expect(tools.length).toBeGreaterThan(0);
      expect(tools.every((name) => /^[a-z]+_[a-z_]+$/.test(name))).toBe(true);
    } else {
      expect(await runBin(binPath, ['--help'])).toMatch(/Usage:/);
    }
  });

  // tools/list loads none of them: what a server requires at first use (a driver, the proxy agent) must
  // load from the install too.
  it.runIf(pkg.server)('loads each of its side bundles', async () => {
    const chunks = join(installed.dir, 'node_modules', pkg.manifest.name, 'dist', 'chunks');
    const sideBundles = readdirSync(chunks).filter((name) => name.endsWith('.cjs'));
    expect(sideBundles).not.toEqual([]);
    await requireAll(sideBundles.map((name) => join(chunks, name)));
  });
});

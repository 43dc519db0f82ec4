import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { publishedPackages, ROOT_DIR } from '../packs/packages.mjs';

const run = promisify(execFile);
const changesetBin = join(createRequire(join(ROOT_DIR, 'package.json')).resolve('@changesets/cli/package.json'), '..', 'bin.js');

/** A copy of what `changeset version` reads and writes: the manifests, server.json files and the config. */
function copyOfRepo(config) {
  const copy = mkdtempSync(join(tmpdir(), 'toolbridge-versions-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(ROOT_DIR, file), join(copy, file));
  mkdirSync(join(copy, '.changeset'));
  writeFileSync(join(copy, '.changeset', 'config.json'), JSON.stringify(config));
  // Private packages too: the config may name them (testkit is ignored), and changesets checks that it can.
  for (const folder of readdirSync(join(ROOT_DIR, 'packages'))) {
    for (const file of ['package.json', 'server.json']) {
      const from = join(ROOT_DIR, 'packages', folder, file);
      if (!existsSync(from)) continue;
      mkdirSync(join(copy, 'packages', folder), { recursive: true });
      cpSync(from, join(copy, 'packages', folder, file));
    }
  }
  return copy;
}

/** Adds a changeset that names core alone, runs `changeset version` and the server.json sync; the new versions. */
async function releaseCoreFix(config) {
  const copy = copyOfRepo(config);
  writeFileSync(join(copy, '.changeset', 'core-fix.md'), "---\n'@toolbridge/core': patch\n---\n\nA fix in core alone.\n");
  await run(process.execPath, [changesetBin, 'version'], { cwd: copy });
  await run(process.execPath, [join(ROOT_DIR, 'scripts', 'sync-server-json.mjs'), copy]);
  return Object.fromEntries(
    publishedPackages(copy).map((pkg) => {
      const serverJson = join(pkg.dir, 'server.json');
      return [
        pkg.manifest.name,
        { version: pkg.manifest.version, server: existsSync(serverJson) ? JSON.parse(readFileSync(serverJson, 'utf8')).version : undefined },
      ];
    }),
  );
}

const config = JSON.parse(readFileSync(join(ROOT_DIR, '.changeset', 'config.json'), 'utf8'));
const published = publishedPackages();

describe('versions move together', () => {
  it('a core-only changeset bumps core, every server and the cli, server.json included', async () => {
    const versions = await releaseCoreFix(config);
    for (const pkg of published) {
      const next = pkg.manifest.version.replace(/(\d+)$/, (patch) => String(Number(patch) + 1));
      expect(versions[pkg.manifest.name], pkg.manifest.name).toEqual({ version: next, server: pkg.server ? next : undefined });
    }
  });

  it('without the fixed group, the same changeset bumps core alone (what the group is for)', async () => {
    const versions = await releaseCoreFix({ ...config, fixed: [] });
    const bumped = published.filter((pkg) => versions[pkg.manifest.name].version !== pkg.manifest.version).map((pkg) => pkg.manifest.name);
    expect(bumped).toEqual(['@toolbridge/core']);
  });

  it('every published package starts from the same version', () => {
    expect(new Set(published.map((pkg) => pkg.manifest.version)).size).toBe(1);
  });
});

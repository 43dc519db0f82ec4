#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
// `pnpm pack:servers [--out dir]`: builds, then packs every package with a bin (each server and the cli)
// into installable tarballs (default ./packs), the files npm would publish. Install one with
// `npm install -g ./packs/toolbridge-github-<version>.tgz`.
import { mkdir } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { installablePackages, pack, ROOT_DIR } from './packs/packages.mjs';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'packs' }, 'no-build': { type: 'boolean', default: false } } });
const out = resolve(process.cwd(), values.out);
const packages = installablePackages();
if (!values['no-build']) {
  const filters = packages.flatMap((pkg) => ['--filter', `${pkg.manifest.name}...`]);
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...filters], { cwd: ROOT_DIR, stdio: 'inherit' });
}
await mkdir(out, { recursive: true });
const shown = relative(process.cwd(), out) || '.';
for (const pkg of packages) {
  const tarball = await pack(pkg, out);
  process.stdout.write(`${pkg.manifest.name}: npm install -g ./${relative(process.cwd(), tarball) || tarball}\n`);
}
process.stderr.write(`${packages.length} tarballs in ${shown}/\n`);

// What a user downloads and keeps: each package with a bin, packed as it would be published and installed
// with npm into an empty directory, as `npx -y @toolbridge/<name>` would install it.
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installTarball } from '../../scripts/packs/install.mjs';
import { installablePackages, pack } from '../../scripts/packs/packages.mjs';
import { na, table } from '../lib/report.mjs';
import { mb } from '../lib/stats.mjs';

/** How many packages an install put in node_modules (scoped ones counted one by one). */
function packageCount(dir) {
  const modules = join(dir, 'node_modules');
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .reduce((count, name) => count + (name.startsWith('@') ? readdirSync(join(modules, name)).length : 1), 0);
}

export async function measureInstallSizes(log) {
  const destination = await mkdtemp(join(tmpdir(), 'toolbridge-bench-packs-'));
  const rows = [];
  for (const pkg of installablePackages()) {
    const tarball = await pack(pkg, destination);
    const full = await installTarball(tarball);
    const lean = pkg.manifest.optionalDependencies ? await installTarball(tarball, { omitOptional: true }) : undefined;
    rows.push({
      label: `${pkg.manifest.name}@${pkg.manifest.version}`,
      tarballBytes: statSync(tarball).size,
      packages: packageCount(full.dir),
      bytes: full.bytes,
      lean: lean && { packages: packageCount(lean.dir), bytes: lean.bytes },
      optional: Object.keys(pkg.manifest.optionalDependencies ?? {}),
    });
    log(`install size: ${pkg.manifest.name}`);
  }
  return { rows };
}

export function installSizeSection({ installSize }) {
  const lines = ['## Installed size'];
  if (!installSize || installSize.error) return [...lines, na(installSize?.error ?? 'not measured')];
  return [
    ...lines,
    "Each package with a bin, packed (`pnpm pack`, as published) and installed with `npm install <tarball>` into an empty directory: the bytes of node_modules. Install scripts are not run, so better-sqlite3 (the database server's optional SQLite for Node 20) is counted without its native binding, about 2 MB more once built or downloaded; Node 22.13+ uses the built-in node:sqlite and needs no binding. `pnpm test:release` keeps every install under 15 MB without optional dependencies.",
    table(
      ['package', 'tarball', 'installed (packages)', 'without optional dependencies'],
      installSize.rows.map((row) => [
        row.label,
        mb(row.tarballBytes),
        `${mb(row.bytes)} (${row.packages})`,
        row.lean ? `${mb(row.lean.bytes)} (${row.lean.packages}; ${row.optional.join(', ')} left out)` : 'same',
      ]),
    ),
  ];
}

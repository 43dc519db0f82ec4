// Bundles the floor servers with the very script that bundles toolbridge's bins, so "bundled" means the
// same thing on both sides of a comparison.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BENCH_DIR, ROOT_DIR, WORK_DIR } from './paths.mjs';

const run = promisify(execFile);

/** Bundles bench/floor/<name>.mjs into bench/.work/bundle-<name>/dist/bin.js and returns that path. */
export async function bundleFloor(name) {
  const dir = join(WORK_DIR, `bundle-${name}`);
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(join(dir, 'src', 'bin.ts'), `import '../../../floor/${name}.mjs';\n`);
  await run(process.execPath, [join(ROOT_DIR, 'scripts', 'bundle-bin.mjs')], { cwd: dir });
  return join(dir, 'dist', 'bin.js');
}

export const floorSource = (name) => join(BENCH_DIR, 'floor', `${name}.mjs`);

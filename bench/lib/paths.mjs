import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT_DIR = dirname(BENCH_DIR);
/** Scratch space (bundles, config files, audit logs); gitignored. */
export const WORK_DIR = join(BENCH_DIR, '.work');
export const PEERS_DIR = join(BENCH_DIR, 'peers');
export const RUNTIMES_DIR = join(BENCH_DIR, 'runtimes');

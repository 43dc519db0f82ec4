#!/usr/bin/env node
import { chmod, rm } from 'node:fs/promises';
// Bundles a server's bin (src/bin.ts -> dist/bin.js, with dist/chunks/): start-up is what users feel on
// every launch, and a bundle loads about twice as fast as the unbundled module graph. Code behind a
// dynamic import() lands in its own chunk, compiled only when first used: a PostgreSQL user never pays
// for parsing the MySQL driver.
// Usage (from a package dir): node ../../scripts/bundle-bin.mjs [--external name ...]
import { build } from 'esbuild';
import { binBundleOptions, corePrelude, externalsIn } from './bin-bundle-options.mjs';

await rm('dist/chunks', { recursive: true, force: true });
await build(binBundleOptions(externalsIn(process.argv.slice(2)), await corePrelude(process.cwd())));
await chmod('dist/bin.js', 0o755);

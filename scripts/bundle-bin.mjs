#!/usr/bin/env node
// Bundles a package's bin: start-up is what users feel on every launch, and a bundle loads about twice as
// fast as the unbundled module graph. A server on @toolbridge/core becomes dist/server.cjs and the loader
// dist/bin.js that runs it with V8's code cache; anything else becomes dist/bin.js with lazy chunks.
// Usage (from a package dir): node ../../scripts/bundle-bin.mjs [--external name ...]
import { createHash } from 'node:crypto';
import { chmod, readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { binBundleOptions, corePrelude, externalsIn, loaderBundleOptions, serverBundleOptions } from './bin-bundle-options.mjs';

const external = externalsIn(process.argv.slice(2));
const prelude = await corePrelude(process.cwd());
await rm('dist/chunks', { recursive: true, force: true });
if (prelude) {
  await build(serverBundleOptions(external, prelude));
  const bundle = await readFile('dist/server.cjs');
  // esbuild escapes non-ASCII in strings but not inside regular expression literals: write \u2026 there.
  const nonAscii = bundle.findIndex((byte) => byte > 0x7f);
  if (nonAscii >= 0)
    throw new Error(`dist/server.cjs must be ASCII (its loader reads it as latin1); found: ${bundle.subarray(Math.max(0, nonAscii - 60), nonAscii + 20)}`);
  const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
  await build(loaderBundleOptions(prelude.server, hash));
} else {
  await build(binBundleOptions(external));
}
await chmod('dist/bin.js', 0o755);

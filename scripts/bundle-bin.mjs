#!/usr/bin/env node
// Bundles a package's bin: start-up is what users feel on every launch, and a bundle loads about twice as
// fast as the unbundled module graph. A server on @toolbridge/core becomes dist/server.cjs (with the side
// bundles it requires at first use, dist/chunks/*.cjs) and the loader dist/bin.js that runs it with V8's
// code cache; anything else becomes dist/bin.js with lazy chunks.
// Usage (from a package dir): node ../../scripts/bundle-bin.mjs [--external name ...]
import { createHash } from 'node:crypto';
import { chmod, readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { binBundleOptions, corePrelude, externalsIn, loaderBundleOptions, serverBundleOptions, sideBundleOptions } from './bin-bundle-options.mjs';

const external = externalsIn(process.argv.slice(2));
const prelude = await corePrelude(process.cwd());
await rm('dist/chunks', { recursive: true, force: true });
if (prelude) {
  const bundles = await buildServerBundles();
  checkOneCopyOfEachModule(bundles);
  // The loader names each code cache by this build: V8 checks a cache against its source's length only.
  const digest = createHash('sha256');
  for (const file of bundles.keys()) digest.update(asciiOnly(file, await readFile(file)));
  const hash = digest.digest('hex').slice(0, 16);
  await build(loaderBundleOptions(prelude.server, hash));
} else {
  await build(binBundleOptions(external));
}
await chmod('dist/bin.js', 0o755);

/** dist/server.cjs and the side bundles it requires, directly or through another: their metafiles by file. */
async function buildServerBundles() {
  const sideBundles = new Map();
  const bundles = new Map([['dist/server.cjs', (await build({ ...serverBundleOptions(external, prelude, sideBundles), metafile: true })).metafile]]);
  // A Map's iteration reaches the entries added during it: those that each side bundle requires.
  for (const [file, module] of sideBundles) {
    bundles.set(`dist/chunks/${file}`, (await build({ ...sideBundleOptions(file, module, external, sideBundles), metafile: true })).metafile);
  }
  return bundles;
}

/** A module in two bundles would run twice, with two states: core's and zod's must be the main bundle's. */
function checkOneCopyOfEachModule(bundles) {
  const bundleOf = new Map();
  for (const [file, metafile] of bundles) {
    for (const input of Object.keys(metafile.inputs)) {
      const other = bundleOf.get(input);
      if (other)
        throw new Error(
          `${input} is in both ${other} and ${file}: list its package in SIDE_BUNDLES (scripts/bin-bundle-options.mjs), or take ${file}'s out of it`,
        );
      bundleOf.set(input, file);
    }
  }
}

/** esbuild escapes non-ASCII in strings but not inside regular expression literals: write \u2026 there. */
function asciiOnly(file, bundle) {
  const nonAscii = bundle.findIndex((byte) => byte > 0x7f);
  if (nonAscii >= 0)
    throw new Error(`${file} must be ASCII (the loader reads it as latin1); found: ${bundle.subarray(Math.max(0, nonAscii - 60), nonAscii + 20)}`);
  return bundle;
}

#!/usr/bin/env node
// After `changeset version`: each server.json takes its package's new version (the MCP registry refuses a
// server.json whose version is not the npm package's). Part of `pnpm version-packages`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedPackages } from './packs/packages.mjs';

const root = process.argv[2];
for (const pkg of publishedPackages(root)) {
  const file = join(pkg.dir, 'server.json');
  if (!existsSync(file)) continue;
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.version = pkg.manifest.version;
  for (const entry of doc.packages ?? []) if (entry.identifier === pkg.manifest.name) entry.version = pkg.manifest.version;
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
}

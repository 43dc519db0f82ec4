import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the upstreams' published API descriptions are read from. Every fake goes through these helpers,
 * so a description is found the same way (and read once) whichever fake or test asks for it.
 */

/** The shared descriptions directory: TOOLBRIDGE_API_SPECS, default ../shared/api-specs beside the repository. */
export function apiSpecsDir(): string {
  const dir = resolve(process.env.TOOLBRIDGE_API_SPECS ?? resolve(import.meta.dirname, '../../../../shared/api-specs'));
  if (!existsSync(dir)) {
    throw new Error(`API descriptions not found at ${dir}: set TOOLBRIDGE_API_SPECS to the directory holding linear/, sentry/ and slack/`);
  }
  return dir;
}

/** A file of the shared descriptions, e.g. apiSpecFile('sentry/openapi-derefed.json'). */
export function apiSpecFile(relativePath: string): string {
  const file = join(apiSpecsDir(), relativePath);
  if (!existsSync(file)) throw new Error(`API description ${relativePath} not found in ${apiSpecsDir()} (TOOLBRIDGE_API_SPECS)`);
  return file;
}

/**
 * A file shipped inside an npm package testkit depends on, e.g. packageFile('@octokit/openapi',
 * 'generated/api.github.com.json'). Packages that export only their entry point are found from it.
 */
export function packageFile(name: string, relativePath: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  while (!isPackageRoot(dir, name)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package ${name} not found from its entry point`);
    dir = parent;
  }
  return join(dir, relativePath);
}

function isPackageRoot(dir: string, name: string): boolean {
  const manifest = join(dir, 'package.json');
  return existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name;
}

/** Reads and parses a description file: JSON for .json, the text otherwise (loaders keep what they build from it). */
export function readSpec<T = unknown>(file: string): T {
  const text = readFileSync(file, 'utf8');
  return (file.endsWith('.json') ? JSON.parse(text) : text) as T;
}

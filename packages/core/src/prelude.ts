// What a server's bin runs before it loads anything heavy (scripts/bundle-bin.mjs writes the entry that
// calls it): this module imports node built-ins only, so it costs next to nothing to compile.
import module from 'node:module';
import { join } from 'node:path';
import { cacheDir } from './cache-dir.js';

type JsonSchema = Record<string, unknown>;
export type ToolSchemas = Record<string, { input: JsonSchema; output: JsonSchema }>;

/**
 * On Node 22.1 and later, V8's compiled code for the bundle is kept in the cache directory: later starts
 * skip most of the parsing and compiling (about a third of a start). A no-op on older Node, or when no
 * cache directory is writable.
 */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  const enable = (module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (!enable) return;
  try {
    enable(join(cacheDir(env), 'v8'));
  } catch {
    // no cache: the bin starts as it would on Node 20
  }
}

let precomputed: ToolSchemas | undefined;

/**
 * The tools' JSON Schemas as the build computed them from the same code (the bundle carries them), so
 * tools/list does not convert every zod schema at start.
 */
export function usePrecomputedSchemas(schemas: ToolSchemas): void {
  precomputed = schemas;
}

/** A tool's JSON Schema from the build, when the bundle carries one. */
export function precomputedSchema(tool: string, io: 'input' | 'output'): JsonSchema | undefined {
  return precomputed?.[tool]?.[io];
}

// What a server's bundle sets up before the server itself loads (scripts/bundle-bin.mjs writes the entry
// that calls it), and what the bin's loader learns from it: no imports, so it costs nothing to compile.

type JsonSchema = Record<string, unknown>;
export type ToolSchemas = Record<string, { input: JsonSchema; output: JsonSchema }>;

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

let whenStarted: (() => void) | undefined;

/** The bin's loader: call this once the server has answered its first tools/list (or gone idle). */
export function onStarted(callback: () => void): void {
  whenStarted = callback;
}

/** Core, once start-up is over: what ran so far is what every launch runs (the loader caches its code). */
export function startupFinished(): void {
  const callback = whenStarted;
  whenStarted = undefined;
  callback?.();
}

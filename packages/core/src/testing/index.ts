/**
 * Guard helpers every server's tests use: one finds tools without honest annotations, the other gives
 * what the model sees of each tool, for a snapshot test so any change to it is deliberate.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ToolDefinition } from '../define.js';
import { toJsonSchema } from '../server/schema-json.js';

const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;
// `<service>_<verb>_<noun>`; the noun may be left out where the verb says it all (`db_query`).
const NAME = /^[a-z]+_[a-z]+(_[a-z0-9]+)*$/;

/** Problems with tool declarations: missing title or hints, contradictory hints, badly formed names, no output schema. */
export function toolDeclarationProblems(tools: ReadonlyArray<ToolDefinition>, service: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const tool of tools) {
    if (seen.has(tool.name)) problems.push(`${tool.name}: declared twice`);
    seen.add(tool.name);
    if (!NAME.test(tool.name) || !tool.name.startsWith(`${service}_`))
      problems.push(`${tool.name}: name must be ${service}_<verb>_<noun> (lower case, underscores)`);
    if (!tool.title?.trim()) problems.push(`${tool.name}: no title`);
    if (!tool.description?.trim()) problems.push(`${tool.name}: no description`);
    if (!tool.toolset?.trim()) problems.push(`${tool.name}: no toolset`);
    for (const hint of HINTS) {
      if (typeof tool.annotations?.[hint] !== 'boolean') problems.push(`${tool.name}: ${hint} missing`);
    }
    if (tool.annotations?.readOnlyHint && tool.annotations.destructiveHint) problems.push(`${tool.name}: read-only and destructive at once`);
    if (!tool.output || toJsonSchema(tool.output, 'output').type !== 'object') problems.push(`${tool.name}: no object output schema`);
  }
  return problems;
}

export interface ToolListing {
  name: string;
  title: string;
  toolset: string;
  description: string;
  annotations: ToolDefinition['annotations'];
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
}

/** Every declared tool as tools/list shows it, sorted by name. */
export function toolListing(tools: ReadonlyArray<ToolDefinition>): ToolListing[] {
  return [...tools]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((tool) => ({
      name: tool.name,
      title: tool.title,
      toolset: tool.toolset,
      description: tool.description,
      annotations: tool.annotations,
      inputSchema: toJsonSchema(tool.input, 'input'),
      outputSchema: toJsonSchema(tool.output, 'output'),
    }));
}

/**
 * One reviewed snapshot per tool (`<dir>/<tool>.json`, as tools/list shows it), so a schema change reads
 * as a one-file diff. Returns what differs; with UPDATE_TOOLSNAPS=true (or for a tool without a snapshot,
 * outside CI) it writes the snapshots instead, and removes those of tools that no longer exist.
 */
export function toolSnapshotProblems(tools: ReadonlyArray<ToolDefinition>, dir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const update = env.UPDATE_TOOLSNAPS === 'true';
  const problems: string[] = [];
  mkdirSync(dir, { recursive: true });
  const listed = toolListing(tools);
  for (const tool of listed) {
    const file = join(dir, `${tool.name}.json`);
    const text = `${JSON.stringify(tool, null, 2)}\n`;
    if (update || (!existsSync(file) && !env.CI)) writeFileSync(file, text);
    else if (!existsSync(file)) problems.push(`${tool.name}: no snapshot (run the tests with UPDATE_TOOLSNAPS=true and review the new file)`);
    else if (readFileSync(file, 'utf8') !== text) problems.push(`${tool.name}: differs from ${file} (review, then UPDATE_TOOLSNAPS=true)`);
  }
  const names = new Set(listed.map((tool) => `${tool.name}.json`));
  for (const stale of readdirSync(dir).filter((name) => name.endsWith('.json') && !names.has(name))) {
    if (update) rmSync(join(dir, stale));
    else problems.push(`${stale}: snapshot of a tool that no longer exists (UPDATE_TOOLSNAPS=true removes it)`);
  }
  return problems;
}

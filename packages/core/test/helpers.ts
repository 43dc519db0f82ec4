import * as z from 'zod';
import { type CoreConfig, coreConfigSchema } from '../src/config/schema.js';
import { defineServer, defineTool, type ToolContext } from '../src/index.js';

/** A validated core config with the given overrides (deep-merged like the config loader does). */
export function testConfig(overrides: Record<string, unknown> = {}): CoreConfig {
  return coreConfigSchema.parse(overrides);
}

/** A read-only probe tool: what its handler returns is its whole output. */
export function probe<S extends z.ZodRawShape>(
  name: string,
  output: S,
  handler: (input: Record<string, never>, context: ToolContext) => Promise<z.input<z.ZodObject<S>>>,
) {
  return defineTool({
    name,
    title: name,
    description: name,
    toolset: 'probe',
    input: z.object({}),
    output: z.object(output),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler,
  });
}

/** A server named probe offering the given probe tools. */
export function probeServer(tools: ReturnType<typeof probe>[], http?: false) {
  return defineServer({
    name: 'probe',
    version: '0.0.0',
    title: 'probe',
    description: 'test',
    instructions: 'probe',
    tools,
    toolsets: { probe: { description: 'probe' } },
    settings: { key: 'probe', schema: z.object({}) },
    ...(http === false ? { http } : {}),
  });
}

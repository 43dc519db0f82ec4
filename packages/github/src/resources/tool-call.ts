import { ConfirmationRequiredError, type ServerContext, type ToolContext, type ToolDefinition } from '@toolbridge/core';
import type { z } from 'zod';
import type { GitHubSettings } from '../settings.js';

const READ_TIMEOUT_MS = 30_000;

/**
 * Runs a read-only tool's handler for a resource read, so a resource and its tool share one
 * implementation (input defaults applied by the tool's own schema).
 */
export async function readWith<I extends z.ZodObject, O extends z.ZodObject>(
  tool: ToolDefinition<I, O, GitHubSettings>,
  args: z.input<I>,
  context: ServerContext<GitHubSettings>,
): Promise<z.output<O>> {
  const toolContext: ToolContext<GitHubSettings> = {
    ...context,
    signal: AbortSignal.timeout(READ_TIMEOUT_MS),
    progress: async () => undefined,
    confirm: async () => {
      throw new ConfirmationRequiredError('resources', 'resource reads cannot ask for confirmation');
    },
  };
  const output = await tool.handler(tool.input.parse(args), toolContext);
  return tool.output.parse(output) as z.output<O>;
}

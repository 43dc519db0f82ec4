import { ConfirmationRequiredError, InvalidInputError, type ServerContext, type ToolContext, type ToolDefinition } from '@toolbridge/core';
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
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`);
    throw new InvalidInputError(`invalid arguments: ${problems.join('; ')}`);
  }
  const output = await tool.handler(parsed.data, toolContext);
  return tool.output.parse(output) as z.output<O>;
}

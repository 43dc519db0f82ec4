import type { IdentityProbe, ToolCall } from './types.js';

/** A tool call the server answered with an error: its text is the server's own actionable message. */
export class ToolRefusal extends Error {
  constructor(
    readonly tool: string,
    message: string,
  ) {
    super(message);
    this.name = 'ToolRefusal';
  }
}

/** Calls a read tool and returns its structured result, or throws the server's refusal. */
export async function read(probe: IdentityProbe, call: ToolCall): Promise<Record<string, unknown>> {
  const outcome = await probe.call(call);
  if (outcome.isError) throw new ToolRefusal(call.tool, outcome.text);
  return outcome.structured ?? {};
}

/** Whether any of the variables (or their alternatives) is set to something. */
export const anySet = (env: NodeJS.ProcessEnv, names: readonly string[]): boolean => names.some((name) => Boolean(env[name]));

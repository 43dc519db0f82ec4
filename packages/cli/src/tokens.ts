import type { ListedTool } from './mcp-client.js';

/** The tokenizer's name, printed beside the counts: other model families count differently. */
export const ENCODING = 'o200k_base (gpt-tokenizer)';

type Counter = (text: string) => number;
let counter: Counter | undefined;

/** gpt-tokenizer's encoding is large: loaded only by `list`. */
export async function loadTokenizer(): Promise<void> {
  counter ??= (await import('gpt-tokenizer/encoding/o200k_base')).countTokens;
}

/**
 * Tokens the tools cost the model on every request: what a client such as Claude Code hands the model (name,
 * description, input schema) as compact JSON, the measure bench/ reports as "model tokens".
 */
export function modelTokens(tools: readonly ListedTool[]): number {
  if (!counter) throw new Error('loadTokenizer() was not awaited');
  return counter(JSON.stringify(tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.inputSchema }))));
}

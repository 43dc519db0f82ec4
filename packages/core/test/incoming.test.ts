import { CallToolRequestSchema, RELATED_TASK_META_KEY } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { readIncoming } from '../src/server/incoming.js';

const PARAMS: Record<string, unknown>[] = [
  { name: 'x' },
  { name: 'x', arguments: { a: [1] } },
  { name: 'x', arguments: {}, extra: 1 },
  { name: 'x', _meta: { progressToken: 'p' } },
  { name: 'x', _meta: { progressToken: 7, other: true } },
  { name: 'x', _meta: { [RELATED_TASK_META_KEY]: { taskId: 't' } } },
  { name: 'x', task: { ttl: 5 } },
  {},
  { name: 1 },
  { name: 'x', arguments: [] },
  { name: 'x', arguments: null },
  { name: 'x', arguments: 'a=1' },
  { name: 'x', _meta: null },
  { name: 'x', _meta: { progressToken: 1.5 } },
  { name: 'x', _meta: { progressToken: 2 ** 53 } },
  { name: 'x', _meta: { [RELATED_TASK_META_KEY]: {} } },
  { name: 'x', task: { ttl: 'soon' } },
];

describe('readIncoming', () => {
  it.each(PARAMS)('takes a tools/call with params %j exactly when CallToolRequestSchema does', (params) => {
    const message = { jsonrpc: '2.0', id: 1, method: 'tools/call', params };
    const incoming = readIncoming(JSON.stringify(message));
    const checked = CallToolRequestSchema.safeParse(message);
    expect('message' in incoming).toBe(checked.success);
    if ('refusal' in incoming) expect(incoming.refusal.message).toMatch(/^invalid params for tools\/call: /);
  });
});

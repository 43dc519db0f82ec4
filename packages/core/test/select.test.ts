import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { selectionSchema } from '../src/config/schema.js';
import { defineTool, type ToolAnnotations } from '../src/define.js';
import { selectTools } from '../src/server/select.js';

const tool = (name: string, toolset: string, annotations: ToolAnnotations) =>
  defineTool({ name, title: name, description: name, toolset, input: z.object({}), output: z.object({}), annotations, handler: () => ({}) });
const read = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const write = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
const destroy = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
const tools = [tool('x_get_a', 'a', read), tool('x_create_a', 'a', write), tool('x_delete_a', 'a', destroy), tool('x_get_b', 'b', read)];
const pick = (selection: Record<string, unknown>, defaults = ['a']) => selectTools(tools, selectionSchema.parse(selection), defaults).map((t) => t.name);

describe('selectTools', () => {
  it('uses the default toolsets, or the named ones, or all', () => {
    expect(pick({})).toEqual(['x_get_a', 'x_create_a', 'x_delete_a']);
    expect(pick({ toolsets: ['b'] })).toEqual(['x_get_b']);
    expect(pick({ toolsets: ['all'] })).toHaveLength(4);
  });

  it('narrows by read-only and role', () => {
    expect(pick({ readOnly: true, toolsets: ['all'] })).toEqual(['x_get_a', 'x_get_b']);
    expect(pick({ role: 'read_only' })).toEqual(['x_get_a']);
    expect(pick({ role: 'developer' })).toEqual(['x_get_a', 'x_create_a']);
    expect(pick({ role: 'admin' })).toEqual(['x_get_a', 'x_create_a', 'x_delete_a']);
  });

  it('treats tools as an exact allowlist, and exclusions always win', () => {
    expect(pick({ tools: ['x_get_b', 'x_delete_a'] })).toEqual(['x_delete_a', 'x_get_b']);
    expect(pick({ tools: ['x_get_b', 'x_delete_a'], excludeTools: ['x_delete_a'] })).toEqual(['x_get_b']);
    expect(pick({ tools: ['x_delete_a'], readOnly: true })).toEqual([]);
  });

  it('fails on unknown names, listing the known ones', () => {
    expect(() => pick({ toolsets: ['nope'] })).toThrow(
      expect.objectContaining({ message: 'selection.toolsets: unknown toolset(s) nope', hint: 'Known toolsets: a, b.' }),
    );
    expect(() => pick({ tools: ['x_get_c'] })).toThrow(/unknown tool\(s\) x_get_c/);
  });
});

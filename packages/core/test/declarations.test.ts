import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineTool } from '../src/define.js';
import { toolDeclarationProblems } from '../src/testing/index.js';

const honest = {
  title: 'Get a thing',
  description: 'Reads one thing.',
  toolset: 'things',
  input: z.object({ id: z.string() }),
  output: z.object({ id: z.string() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: ({ id }: { id: string }) => ({ id }),
};

describe('toolDeclarationProblems', () => {
  it('accepts <service>_<verb>_<noun> and <service>_<verb>', () => {
    const tools = [defineTool({ ...honest, name: 'demo_get_thing' }), defineTool({ ...honest, name: 'demo_query' })];
    expect(toolDeclarationProblems(tools, 'demo')).toEqual([]);
  });

  it('names each broken rule', () => {
    const tools = [
      defineTool({ ...honest, name: 'other_get_thing' }),
      defineTool({ ...honest, name: 'demo_GetThing' }),
      defineTool({ ...honest, name: 'demo_get_twice' }),
      defineTool({ ...honest, name: 'demo_get_twice' }),
      defineTool({ ...honest, name: 'demo_drop_all', annotations: { ...honest.annotations, destructiveHint: true } }),
      defineTool({ ...honest, name: 'demo_list_hints', title: ' ', annotations: { readOnlyHint: true } as typeof honest.annotations }),
    ];
    expect(toolDeclarationProblems(tools, 'demo')).toEqual([
      'other_get_thing: name must be demo_<verb>_<noun> (lower case, underscores)',
      'demo_GetThing: name must be demo_<verb>_<noun> (lower case, underscores)',
      'demo_get_twice: declared twice',
      'demo_drop_all: read-only and destructive at once',
      'demo_list_hints: no title',
      'demo_list_hints: destructiveHint missing',
      'demo_list_hints: idempotentHint missing',
      'demo_list_hints: openWorldHint missing',
    ]);
  });
});

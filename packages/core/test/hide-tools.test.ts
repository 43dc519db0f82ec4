import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createServer, defineServer, defineTool } from '../src/index.js';

const tool = (name: string, toolset: string) =>
  defineTool({
    name,
    title: name,
    description: name,
    toolset,
    input: z.object({}),
    output: z.object({ ok: z.boolean() }),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    handler: () => ({ ok: true }),
  });

describe('start() may hide tools it learned it cannot offer', () => {
  it('drops hidden tools and their now-empty toolsets before the server is wired', async () => {
    const spec = defineServer({
      name: 'hide-test',
      version: '0.0.0',
      title: 'hide test',
      description: 'test',
      instructions: ({ toolsets }) => `toolsets: ${toolsets.join(', ')}`,
      tools: [tool('hide_get_a', 'one'), tool('hide_get_b', 'two')],
      toolsets: { one: { description: 'one' }, two: { description: 'two' } },
      settings: { key: 'hide', schema: z.object({}) },
      start: () => ({ hideTools: ['hide_get_b'], notes: ['b is hidden'] }),
    });
    const { runtime, instructions, close } = await createServer(spec, { argv: [], env: {} });
    expect(runtime.tools.map((item) => item.name)).toEqual(['hide_get_a']);
    expect(runtime.toolsets).toEqual(['one']);
    expect(instructions).toBe('toolsets: one\nb is hidden');
    await close();
  });
});

describe("start()'s idle work", () => {
  it('runs once, after the first tools/list answer has gone out', async () => {
    const events: string[] = [];
    const spec = defineServer({
      name: 'idle-test',
      version: '0.0.0',
      title: 'idle test',
      description: 'test',
      instructions: 'idle test',
      tools: [tool('idle_get_a', 'one')],
      toolsets: { one: { description: 'one' } },
      settings: { key: 'idle', schema: z.object({}) },
      start: () => ({
        idle: () => {
          events.push('idle');
          return undefined;
        },
      }),
    });
    const { server, close } = await createServer(spec, { argv: [], env: {} });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'idle-test-client', version: '0.0.0' });
    await client.connect(clientSide);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([]);
    const listed = await client.listTools();
    events.push(`listed ${listed.tools.length}`);
    await new Promise((resolve) => setImmediate(resolve));
    await client.listTools();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['listed 1', 'idle']);
    await client.close();
    await close();
  });
});

describe('idle work that learns a tool cannot be offered', () => {
  it('takes it out of tools/list and tells the client the list changed', async () => {
    const spec = defineServer({
      name: 'late-hide-test',
      version: '0.0.0',
      title: 'late hide test',
      description: 'test',
      instructions: 'late hide test',
      tools: [tool('late_get_a', 'one'), tool('late_get_b', 'one')],
      toolsets: { one: { description: 'one' } },
      settings: { key: 'late', schema: z.object({}) },
      start: () => ({ idle: async () => ({ hideTools: ['late_get_b'] }) }),
    });
    const { server, close } = await createServer(spec, { argv: [], env: {} });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'late-hide-client', version: '0.0.0' });
    const changed = new Promise<void>((resolve) => client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()));
    await client.connect(clientSide);
    expect(client.getServerCapabilities()?.tools?.listChanged).toBe(true);
    expect((await client.listTools()).tools.map((item) => item.name)).toEqual(['late_get_a', 'late_get_b']);
    await changed;
    expect((await client.listTools()).tools.map((item) => item.name)).toEqual(['late_get_a']);
    const refused = await client.callTool({ name: 'late_get_b', arguments: {} });
    expect(refused.isError).toBe(true);
    await client.close();
    await close();
  });
});

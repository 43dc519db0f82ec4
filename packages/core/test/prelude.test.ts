import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createServer, defineServer, defineTool, toolSchemas } from '../src/index.js';
import { onStarted, usePrecomputedSchemas } from '../src/prelude.js';
import { ZodJsonSchemaValidator } from '../src/server/zod-validator.js';

const echo = defineTool({
  name: 'pre_get_echo',
  title: 'echo',
  description: 'echo',
  toolset: 'one',
  input: z.object({ text: z.string().min(1).describe('what to echo'), times: z.number().int().optional() }),
  output: z.object({ text: z.string() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (input) => ({ text: input.text }),
});

const spec = defineServer({
  name: 'prelude-test',
  version: '0.0.0',
  title: 'prelude test',
  description: 'test',
  instructions: 'prelude test',
  tools: [echo],
  toolsets: { one: { description: 'one' } },
  settings: { key: 'pre', schema: z.object({}) },
});

async function listed() {
  const { server, close } = await createServer(spec, { argv: [], env: {} });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'prelude-client', version: '0.0.0' });
  await client.connect(clientSide);
  const { tools } = await client.listTools();
  await client.close();
  await close();
  return tools;
}

describe('JSON Schemas computed at build time (the bin prelude)', () => {
  afterEach(() => usePrecomputedSchemas({}));

  it('the build computes what tools/list converts at run time', async () => {
    const [tool] = await listed();
    expect(toolSchemas(spec.tools)).toEqual({ pre_get_echo: { input: tool?.inputSchema, output: tool?.outputSchema } });
  });

  it('tools/list answers from the build copy when the bin carries one', async () => {
    const schemas = toolSchemas(spec.tools);
    const marked = { ...schemas.pre_get_echo!, input: { ...schemas.pre_get_echo!.input, description: 'from the build' } };
    usePrecomputedSchemas({ pre_get_echo: marked });
    const [tool] = await listed();
    expect(tool?.inputSchema).toEqual(marked.input);
  });
});

describe('schemas built at first use', () => {
  afterEach(() => usePrecomputedSchemas({}));

  it('a tool declared with schema functions builds them at its first call, once', async () => {
    let built = 0;
    const declareLazy = () =>
      defineTool({
        ...echo,
        name: 'pre_get_lazy',
        input: () => {
          built += 1;
          return z.object({ text: z.string() });
        },
        output: () => z.object({ text: z.string() }),
        handler: (input) => ({ text: input.text }),
      });
    usePrecomputedSchemas(toolSchemas([declareLazy()]));
    built = 0;
    const { server, close } = await createServer({ ...spec, tools: [declareLazy()] }, { argv: [], env: {} });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'lazy-client', version: '0.0.0' });
    await client.connect(clientSide);
    await client.listTools();
    expect(built).toBe(0);
    for (const text of ['a', 'b']) expect((await client.callTool({ name: 'pre_get_lazy', arguments: { text } })).structuredContent).toEqual({ text });
    expect(built).toBe(1);
    await client.close();
    await close();
  });
});

describe('the end of start-up', () => {
  it('is announced to the bin loader once the first tools/list is answered', async () => {
    let announced = 0;
    onStarted(() => {
      announced += 1;
    });
    await listed();
    await new Promise((resolve) => setImmediate(resolve));
    await listed();
    await new Promise((resolve) => setImmediate(resolve));
    expect(announced).toBe(1);
  });
});

describe('elicitation answers are checked with zod, not Ajv', () => {
  it('accepts a valid answer and explains an invalid one', () => {
    const validate = new ZodJsonSchemaValidator().getValidator<{ confirm: boolean }>({
      type: 'object',
      properties: { confirm: { type: 'boolean' } },
      required: ['confirm'],
    });
    expect(validate({ confirm: true })).toEqual({ valid: true, data: { confirm: true }, errorMessage: undefined });
    const refused = validate({ confirm: 'yes' });
    expect(refused.valid).toBe(false);
    expect(refused.errorMessage).toMatch(/confirm/);
  });
});

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { currentCallScope } from '../src/http/call-scope.js';
import { createServer } from '../src/index.js';
import { probe, probeServer } from './helpers.js';

const scopeTool = probe('probe_get_scope', { scoped: z.boolean() }, async () => {
  await Promise.resolve();
  return { scoped: currentCallScope() !== undefined };
});
const fetchTool = probe('probe_get_page', { status: z.number() }, async (_input, context) => ({
  status: (await context.http.fetch('https://example.com/')).status,
}));

async function connect(http: false | undefined) {
  const spec = probeServer([scopeTool, fetchTool], http);
  const { server, close } = await createServer(spec, { argv: [], env: {} });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'probe-client', version: '0.0.0' });
  await client.connect(clientSide);
  return {
    call: (name: string) => client.callTool({ name, arguments: {} }),
    close: async () => {
      await client.close();
      await close();
    },
  };
}

describe('a server that declares http: false', () => {
  it('runs its calls without a call scope, and refuses any HTTP request with the reason', async () => {
    const server = await connect(false);
    try {
      expect((await server.call('probe_get_scope')).structuredContent).toEqual({ scoped: false });
      const refused = await server.call('probe_get_page');
      expect(refused.isError).toBe(true);
      expect(JSON.stringify(refused.content)).toMatch(/probe sends no HTTP requests.*refused by http: false/);
    } finally {
      await server.close();
    }
  });

  it('is the exception: other servers run every call in its scope', async () => {
    const server = await connect(undefined);
    try {
      expect((await server.call('probe_get_scope')).structuredContent).toEqual({ scoped: true });
    } finally {
      await server.close();
    }
  });
});

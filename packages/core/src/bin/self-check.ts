#!/usr/bin/env node
/**
 * `pnpm demo` until a server's demo exists: starts a tiny server in-process, lists and calls its tool
 * through a real MCP client, and shows the sandbox and redaction at work.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { z } from 'zod';
import { createServer, defineServer, defineTool, redact } from '../index.js';

const echo = defineTool({
  name: 'demo_fetch_url',
  title: 'Fetch a URL',
  description: 'Fetches a URL through the sandbox and returns its status.',
  toolset: 'demo',
  input: z.object({ url: z.string().url() }),
  output: z.object({ status: z.number() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ url }, { http }) => ({ status: (await http.fetch(url)).status }),
});

const spec = defineServer({
  name: 'toolbridge-self-check',
  version: '0.0.0',
  title: 'toolbridge self-check',
  description: 'core self-check',
  instructions: 'Self-check server.',
  tools: [echo],
  settings: { key: 'selfCheck', schema: z.object({}) },
  allowedDomains: ['api.github.com'],
});

const { server } = await createServer(spec, { argv: [], env: {} });
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
await server.connect(serverSide);
const client = new Client({ name: 'self-check', version: '0.0.0' });
await client.connect(clientSide);
const { tools } = await client.listTools();
console.log(`tools/list: ${tools.map((tool) => tool.name).join(', ')}`);
const refused = await client.callTool({ name: 'demo_fetch_url', arguments: { url: 'https://example.com/' } });
console.log(`egress to example.com: ${(refused.content as Array<{ text: string }>)[0]!.text}`);
const invalid = await client.callTool({ name: 'demo_fetch_url', arguments: { url: 42 } });
console.log(`bad input: ${(invalid.content as Array<{ text: string }>)[0]!.text}`);
console.log(`redaction: ${redact('token ghp_abcdefghijklmnopqrstuvwxyz0123456789 in postgres://app:hunter2@db/prod')}`);
await client.close();
console.log('self-check ok');

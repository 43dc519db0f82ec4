#!/usr/bin/env node
// The floor: the smallest useful MCP server, one tool on the SDK's McpServer. Measured unbundled and
// bundled with scripts/bundle-bin.mjs, the same way as toolbridge's bins.
import { McpServer, StdioServerTransport, z } from './sdk.mjs';

const server = new McpServer({ name: 'bench-minimal', version: '0.0.0' });
server.registerTool('echo', { description: 'Returns its input text.', inputSchema: { text: z.string() } }, ({ text }) => ({
  content: [{ type: 'text', text }],
}));
await server.connect(new StdioServerTransport());

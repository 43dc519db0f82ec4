// The workspace's own MCP SDK and zod, reached by path: the bench is not a workspace package and must run on
// a fresh clone without installing anything (pnpm keeps these under packages/core/node_modules only).
export { McpServer } from '../../packages/core/node_modules/@modelcontextprotocol/sdk/dist/esm/server/mcp.js';
export { StdioServerTransport } from '../../packages/core/node_modules/@modelcontextprotocol/sdk/dist/esm/server/stdio.js';
export { z } from '../../packages/core/node_modules/zod/index.js';

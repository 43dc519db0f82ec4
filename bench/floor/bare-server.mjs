#!/usr/bin/env node
import { issueInput, issueOutput, makeIssueHandler } from './issue-handler.mjs';
// The issue handler on a bare SDK server: SDK input/output validation only, global fetch.
import { McpServer, StdioServerTransport } from './sdk.mjs';

const handler = makeIssueHandler(globalThis.fetch, process.env.BENCH_UPSTREAM_URL);
const server = new McpServer({ name: 'bench-bare', version: '0.0.0' });
server.registerTool(
  'bench_get_issue',
  { description: 'Gets one issue.', inputSchema: issueInput, outputSchema: issueOutput, annotations: { readOnlyHint: true } },
  async (input) => {
    const output = await handler(input);
    return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
  },
);
await server.connect(new StdioServerTransport());

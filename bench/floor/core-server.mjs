#!/usr/bin/env node
// The same issue handler declared with @toolbridge/core: validation, sandboxed fetch (egress, rate limiter,
// cache, retries, breaker), output budget, redaction and audit all run around it.
import { defineServer, defineTool, runStdio } from '../../packages/core/dist/index.js';
import { issueInput, issueOutput, makeIssueHandler } from './issue-handler.mjs';
import { z } from './sdk.mjs';

const baseUrl = process.env.BENCH_UPSTREAM_URL;
const getIssue = defineTool({
  name: 'bench_get_issue',
  title: 'Get issue',
  description: 'Gets one issue.',
  toolset: 'bench',
  input: z.object(issueInput),
  output: z.object(issueOutput),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (input, ctx) => makeIssueHandler(ctx.http.fetch, baseUrl)(input),
});

await runStdio(
  defineServer({
    name: 'bench-core',
    version: '0.0.0',
    title: 'bench core',
    description: 'The bench issue handler through @toolbridge/core.',
    instructions: 'Bench server.',
    tools: [getIssue],
    toolsets: { bench: { description: 'The bench issue tool', default: true } },
    settings: { key: 'bench', schema: z.object({}) },
    start: (context) => context.http.allowBaseUrl(baseUrl),
  }),
);

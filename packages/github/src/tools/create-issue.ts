import { defineTool } from '@toolbridge/core';
import { z } from 'zod';
import { type GitHubContext, github, repoOf } from '../client.js';
import { definedOnly } from '../lib/defined.js';
import { repoInput } from '../lib/repo-input.js';

export const createIssue = defineTool({
  name: 'github_create_issue',
  title: 'Create issue',
  description: 'Open an issue. Labels, assignees and milestone need push access (GitHub drops them otherwise).',
  toolset: 'issues',
  input: z.object({
    ...repoInput,
    title: z.string().min(1).max(256),
    body: z.string().max(65_536).optional().describe('Markdown'),
    labels: z.array(z.string().min(1)).max(20).optional(),
    assignees: z.array(z.string().min(1)).max(10).optional(),
    milestone: z.number().int().min(1).optional().describe('Milestone number'),
  }),
  output: z.object({ number: z.number(), url: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, context: GitHubContext) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await github(context);
    const { title, body, labels, assignees, milestone } = input;
    const { data } = await rest.issues.create({ owner, repo, title, ...definedOnly({ body, labels, assignees, milestone }) });
    return { number: data.number, url: data.html_url };
  },
});

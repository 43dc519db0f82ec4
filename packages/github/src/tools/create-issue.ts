import { annotations, compact } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { repoInput } from '../lib/repo-input.js';

export const createIssue = defineTool({
  name: 'github_create_issue',
  title: 'Create issue',
  description: 'Open an issue. Labels, assignees and milestone need push access (GitHub drops them otherwise).',
  toolset: 'issues',
  input: () =>
    z.object({
      ...repoInput,
      title: z.string().min(1).max(256),
      body: z.string().max(65_536).optional().describe('Markdown'),
      labels: z.array(z.string().min(1)).max(20).optional(),
      assignees: z.array(z.string().min(1)).max(10).optional(),
      milestone: z.number().int().min(1).optional().describe('Milestone number'),
    }),
  output: () => z.object({ number: z.number(), url: z.string() }),
  annotations: annotations.write,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const { title, body, labels, assignees, milestone } = input;
    const { data } = await rest.issues.create({ owner, repo, title, ...compact({ body, labels, assignees, milestone }) });
    return { number: data.number, url: data.html_url };
  },
});

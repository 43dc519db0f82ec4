import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { repoInput } from '../lib/repo-input.js';

export const addComment = defineTool({
  name: 'github_add_comment',
  title: 'Comment on issue or PR',
  description: 'Add a comment to an issue or pull request (conversation tab; for line comments use github_create_review).',
  toolset: 'issues',
  input: () =>
    z.object({
      ...repoInput,
      issue_number: z.number().int().min(1).describe('Issue or PR number'),
      body: z.string().min(1).max(65_536).describe('Markdown'),
    }),
  output: () => z.object({ id: z.number(), url: z.string() }),
  annotations: annotations.write,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const { data } = await rest.issues.createComment({ owner, repo, issue_number: input.issue_number, body: input.body });
    return { id: data.id, url: data.html_url };
  },
});

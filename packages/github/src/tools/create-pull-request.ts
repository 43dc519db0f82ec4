import { annotations, compact } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { repoInput } from '../lib/repo-input.js';

export const createPullRequest = defineTool({
  name: 'github_create_pull_request',
  title: 'Create pull request',
  description: 'Open a PR from head (branch, or "owner:branch" for a fork) into base (default: the default branch).',
  toolset: 'pulls',
  input: () =>
    z.object({
      ...repoInput,
      title: z.string().min(1).max(256),
      head: z.string().min(1),
      base: z.string().min(1).optional(),
      body: z.string().max(65_536).optional().describe('Markdown'),
      draft: z.boolean().default(false),
    }),
  output: () => z.object({ number: z.number(), url: z.string(), head_sha: z.string(), base: z.string() }),
  annotations: annotations.write,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const base = input.base ?? (await rest.repos.get({ owner, repo })).data.default_branch;
    const { data } = await rest.pulls.create({
      owner,
      repo,
      title: input.title,
      head: input.head,
      base,
      draft: input.draft,
      ...compact({ body: input.body }),
    });
    return { number: data.number, url: data.html_url, head_sha: data.head.sha, base: data.base.ref };
  },
});

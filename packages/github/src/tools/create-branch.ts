import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { resolveCommitish } from '../lib/git-refs.js';
import { repoInput } from '../lib/repo-input.js';

export const createBranch = defineTool({
  name: 'github_create_branch',
  title: 'Create branch',
  description: 'Create a branch from a branch, tag or commit SHA (default: the default branch).',
  toolset: 'repos',
  input: () =>
    z.object({
      ...repoInput,
      branch: z.string().min(1).describe('New branch name'),
      from: z.string().min(1).optional().describe('Source branch, tag or SHA'),
    }),
  output: () => z.object({ branch: z.string(), sha: z.string(), from: z.string() }),
  annotations: annotations.write,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const source = await resolveCommitish(rest, owner, repo, input.from);
    const { data } = await rest.git.createRef({ owner, repo, ref: `refs/heads/${input.branch}`, sha: source.sha });
    return { branch: input.branch, sha: data.object.sha, from: source.from };
  },
});

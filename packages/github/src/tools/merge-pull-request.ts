import { annotations, compact } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { repoInput } from '../lib/repo-input.js';

export const mergePullRequest = defineTool({
  name: 'github_merge_pull_request',
  title: 'Merge pull request',
  description:
    'Merge a PR (merge, squash or rebase). Pass sha to merge only if the head is still that commit. Asks the user to confirm when the client supports it.',
  toolset: 'pulls',
  input: () =>
    z.object({
      ...repoInput,
      pull_number: z.number().int().min(1),
      merge_method: z.enum(['merge', 'squash', 'rebase']).default('merge'),
      commit_title: z.string().max(256).optional(),
      commit_message: z.string().max(65_536).optional(),
      sha: z
        .string()
        .regex(/^[0-9a-f]{40}$/)
        .optional()
        .describe('Expected head SHA'),
    }),
  output: () => z.object({ merged: z.boolean(), sha: z.string(), message: z.string() }),
  annotations: annotations.destructive,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { pull_number, merge_method, commit_title, commit_message, sha } = input;
    await context.confirm(`Merge pull request #${pull_number} of ${owner}/${repo} (${merge_method})?`, { whenUnsupported: 'proceed' });
    const { rest } = await context.services.github;
    const { data } = await rest.pulls.merge({ owner, repo, pull_number, merge_method, ...compact({ commit_title, commit_message, sha }) });
    return { merged: data.merged, sha: data.sha, message: data.message };
  },
});

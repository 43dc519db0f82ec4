import { defineTool } from '@toolbridge/core';
import { z } from 'zod';
import { type GitHubContext, github, repoOf } from '../client.js';
import { definedOnly } from '../lib/defined.js';
import { compactRelease, releaseOutput } from '../lib/release-shape.js';
import { repoInput } from '../lib/repo-input.js';

export const createRelease = defineTool({
  name: 'github_create_release',
  title: 'Create release',
  description: 'Create a release (and its tag if new, at target). generate_release_notes lets GitHub write notes from merged PRs.',
  toolset: 'releases',
  input: z.object({
    ...repoInput,
    tag: z.string().min(1),
    target: z.string().min(1).optional().describe('Branch or SHA for a new tag; default branch if omitted'),
    name: z.string().optional(),
    body: z.string().optional().describe('Notes (Markdown); prepended to generated notes'),
    draft: z.boolean().default(false),
    prerelease: z.boolean().default(false),
    generate_release_notes: z.boolean().default(false),
  }),
  output: releaseOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, context: GitHubContext) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await github(context);
    const { data } = await rest.repos.createRelease({
      owner,
      repo,
      tag_name: input.tag,
      draft: input.draft,
      prerelease: input.prerelease,
      generate_release_notes: input.generate_release_notes,
      ...definedOnly({ target_commitish: input.target, name: input.name, body: input.body }),
    });
    return compactRelease(data, 8_000);
  },
});

import { annotations, compact } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { compactRelease, releaseOutput } from '../lib/release-shape.js';
import { repoInput } from '../lib/repo-input.js';

export const createRelease = defineTool({
  name: 'github_create_release',
  title: 'Create release',
  description: 'Create a release (and its tag if new, at target). generate_release_notes lets GitHub write notes from merged PRs.',
  toolset: 'releases',
  input: () =>
    z.object({
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
  annotations: annotations.write,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const { data } = await rest.repos.createRelease({
      owner,
      repo,
      tag_name: input.tag,
      draft: input.draft,
      prerelease: input.prerelease,
      generate_release_notes: input.generate_release_notes,
      ...compact({ target_commitish: input.target, name: input.name, body: input.body }),
    });
    return compactRelease(data, 8_000);
  },
});

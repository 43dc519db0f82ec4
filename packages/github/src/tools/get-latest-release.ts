import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { compactRelease, releaseOutput } from '../lib/release-shape.js';
import { repoInput } from '../lib/repo-input.js';

export const getLatestRelease = defineTool({
  name: 'github_get_latest_release',
  title: 'Get latest release',
  description: 'The latest published release (not draft or prerelease) with notes and assets, or the release of a given tag.',
  toolset: 'releases',
  input: () =>
    z.object({
      ...repoInput,
      tag: z.string().min(1).optional().describe('Release tag instead of the latest'),
      max_body_chars: z.number().int().min(200).max(30_000).default(8_000),
    }),
  output: releaseOutput,
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const { data } = input.tag ? await rest.repos.getReleaseByTag({ owner, repo, tag: input.tag }) : await rest.repos.getLatestRelease({ owner, repo });
    return compactRelease(data, input.max_body_chars);
  },
});

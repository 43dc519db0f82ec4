import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { cursorInput, nextCursorFromLink, nextCursorOutput, pageFromCursor, perPageInput } from '../lib/pagination.js';
import { compactRelease, releaseTable } from '../lib/release-shape.js';
import { repoInput } from '../lib/repo-input.js';

export const listReleases = defineTool({
  name: 'github_list_releases',
  title: 'List releases',
  description: 'Releases, newest first (drafts only with push access); no notes, use github_get_latest_release with tag for those.',
  toolset: 'releases',
  input: () => z.object({ ...repoInput, per_page: perPageInput(20), cursor: cursorInput }),
  output: () => z.object({ releases: releaseTable.schema, next_cursor: nextCursorOutput }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const response = await rest.repos.listReleases({ owner, repo, per_page: input.per_page, page: pageFromCursor(input.cursor) });
    return {
      releases: releaseTable.of(response.data.map((release) => compactRelease(release, 0))),
      next_cursor: nextCursorFromLink(response.headers.link),
    };
  },
});

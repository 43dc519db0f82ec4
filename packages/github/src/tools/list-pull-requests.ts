import { annotations, compact, records } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { orderedPageInput, orderedPageParams } from '../lib/list-params.js';
import { nextCursorFromLink, nextCursorOutput } from '../lib/pagination.js';
import { pullSummary, pullTable, renderPullRows } from '../lib/pull-shape.js';
import { repoInput } from '../lib/repo-input.js';

export const listPullRequests = defineTool({
  name: 'github_list_pull_requests',
  title: 'List pull requests',
  description: 'Pull requests of a repository, newest first. Filter by state, head ("owner:branch") and base branch.',
  toolset: 'pulls',
  input: () =>
    z.object({
      ...repoInput,
      state: z.enum(['open', 'closed', 'all']).default('open'),
      head: z.string().min(1).optional().describe('owner:branch'),
      base: z.string().min(1).optional(),
      sort: z.enum(['created', 'updated', 'popularity', 'long-running']).default('created'),
      ...orderedPageInput,
    }),
  output: () => z.object({ pull_requests: pullTable.schema, next_cursor: nextCursorOutput }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const response = await rest.pulls.list({
      owner,
      repo,
      ...orderedPageParams(input),
      ...compact({ head: input.head, base: input.base }),
    });
    return {
      pull_requests: pullTable.of(response.data.map(pullSummary)),
      next_cursor: nextCursorFromLink(response.headers.link),
    };
  },
  render: (output) => renderPullRows(records(output.pull_requests), output.next_cursor),
});

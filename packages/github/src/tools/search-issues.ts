import { annotations, records } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';

import { foundIssueTable, issueSummary, renderIssueRows } from '../lib/issue-shape.js';
import { cursorInput, nextCursorFromLink, nextCursorOutput, pageFromCursor, perPageInput } from '../lib/pagination.js';

export const searchIssues = defineTool({
  name: 'github_search_issues',
  title: 'Search issues and pull requests',
  description: 'GitHub search syntax across repositories, e.g. "repo:o/r is:pr is:open label:bug login error".',
  toolset: 'issues',
  input: () =>
    z.object({
      q: z.string().min(1).max(256),
      sort: z.enum(['created', 'updated', 'comments']).optional().describe('Default: best match'),
      order: z.enum(['asc', 'desc']).default('desc'),
      per_page: perPageInput(20),
      cursor: cursorInput,
    }),
  output: () =>
    z.object({
      total_count: z.number(),
      items: foundIssueTable.schema,
      next_cursor: nextCursorOutput,
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { rest } = await context.services.github;
    const response = await rest.search.issuesAndPullRequests({
      q: input.q,
      order: input.order,
      per_page: input.per_page,
      page: pageFromCursor(input.cursor),
      ...(input.sort ? { sort: input.sort } : {}),
    });
    return {
      total_count: response.data.total_count,
      items: foundIssueTable.of(response.data.items.map((item) => ({ ...issueSummary(item), repository: item.repository_url.split('/').slice(-2).join('/') }))),
      next_cursor: nextCursorFromLink(response.headers.link),
    };
  },
  render: (output) => `total_count: ${output.total_count}\n${renderIssueRows(records(output.items), output.next_cursor, true)}`,
});

import { annotations, compact, records } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { issueSummary, issueTable, renderIssueRows } from '../lib/issue-shape.js';
import { orderedPageInput, orderedPageParams } from '../lib/list-params.js';
import { nextCursorFromLink, nextCursorOutput } from '../lib/pagination.js';
import { repoInput } from '../lib/repo-input.js';
import { isoTimeInput, toTimestamp } from '../lib/time-input.js';

export const listIssues = defineTool({
  name: 'github_list_issues',
  title: 'List issues',
  description: 'Issues of a repository (pull requests left out), newest first. Filter by state, labels, assignee, since.',
  toolset: 'issues',
  input: () =>
    z.object({
      ...repoInput,
      state: z.enum(['open', 'closed', 'all']).default('open'),
      labels: z.array(z.string().min(1)).max(20).optional().describe('All must match'),
      assignee: z.string().min(1).optional().describe('Login, "none" or "*"'),
      since: isoTimeInput('Updated at or after (ISO 8601)').optional(),
      sort: z.enum(['created', 'updated', 'comments']).default('created'),
      ...orderedPageInput,
    }),
  output: () => z.object({ issues: issueTable.schema, next_cursor: nextCursorOutput }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const response = await rest.issues.listForRepo({
      owner,
      repo,
      ...orderedPageParams(input),
      ...compact({ labels: input.labels?.join(','), assignee: input.assignee, since: input.since && toTimestamp(input.since) }),
    });
    return {
      issues: issueTable.of(response.data.filter((issue) => !issue.pull_request).map(issueSummary)),
      next_cursor: nextCursorFromLink(response.headers.link),
    };
  },
  render: (output) => renderIssueRows(records(output.issues), output.next_cursor),
});

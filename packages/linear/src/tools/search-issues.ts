import { annotations, compact } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { type Connection, document } from '../lib/documents.js';
import { issueFilter } from '../lib/issue-filter.js';
import { type ApiIssueSummary, cursorInput, ISSUE_SUMMARY, issueSummary, issueTable } from '../lib/issue-shape.js';
import { sinceInput } from '../lib/time.js';

const SEARCH_ISSUES = document(
  'SearchIssues',
  `query SearchIssues($filter: IssueFilter, $first: Int!, $after: String) {
  issues(filter: $filter, first: $first, after: $after, orderBy: updatedAt) {
    nodes { ...IssueSummary }
    pageInfo { hasNextPage endCursor }
  }
}
${ISSUE_SUMMARY}`,
);

export const searchIssues = defineTool({
  name: 'linear_search_issues',
  title: 'Search issues',
  description: 'Issues matching all filters given, most recently updated first.',
  toolset: 'issues',
  input: () =>
    z.object({
      text: z.string().min(1).optional().describe('In title or description'),
      team: z.string().optional().describe('Key or name (default LINEAR_TEAM, else all)'),
      state: z.string().optional().describe('Name, or type: backlog, unstarted, started, completed, canceled'),
      assignee: z.string().optional().describe('Name, email, "me" or "none"'),
      labels: z.array(z.string()).optional().describe('All required'),
      project: z.string().optional(),
      cycle: z.string().optional().describe('"current" or a number'),
      updated_since: sinceInput.optional(),
      limit: z.number().int().min(1).max(100).default(25),
      cursor: cursorInput,
    }),
  output: () => z.object({ issues: issueTable.schema, next_cursor: z.string().optional() }),
  annotations: annotations.read,
  async handler(input, context) {
    const { filter } = await issueFilter(context, input);
    const { issues } = await context.services.client.request<{ issues: Connection<ApiIssueSummary> }>(SEARCH_ISSUES, {
      filter,
      first: input.limit,
      after: input.cursor ?? null,
    });
    return {
      issues: issueTable.of(issues.nodes.map(issueSummary)),
      ...compact({ next_cursor: issues.pageInfo?.hasNextPage ? (issues.pageInfo.endCursor ?? undefined) : undefined }),
    };
  },
});

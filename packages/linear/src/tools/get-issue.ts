import { annotations, compact, sanitizeUntrusted, tableOf, untrusted } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { type Connection, document } from '../lib/documents.js';
import { type ApiIssueSummary, ISSUE_SUMMARY, issueInput, issueSummary, issueSummaryOutput } from '../lib/issue-shape.js';
import { parseIdentifier } from '../lib/resolve.js';
import { isoDay } from '../lib/time.js';

const GET_ISSUE = document(
  'GetIssue',
  `query GetIssue($id: String!) {
  issue(id: $id) {
    ...IssueSummary
    url description createdAt startedAt completedAt canceledAt
    creator { name }
    projectMilestone { name }
    parent { identifier title }
    children(first: 25) { nodes { identifier title state { name } } }
    comments(first: 5) { nodes { body createdAt user { name } } }
  }
}
${ISSUE_SUMMARY}`,
);

interface ApiIssue extends ApiIssueSummary {
  url: string;
  description: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  canceledAt: string | null;
  creator: { name: string } | null;
  projectMilestone: { name: string } | null;
  parent: { identifier: string; title: string } | null;
  children: Connection<{ identifier: string; title: string; state: { name: string } }>;
  comments: Connection<{ body: string; createdAt: string; user: { name: string } | null }>;
}

export const commentOutput = z.object({ author: z.string(), at: z.string(), body: z.string() });
/** Comments as a list returns them: one row each. */
export const commentTable = tableOf(() => commentOutput);

/** A comment's body is untrusted text: anyone in the workspace (or an integration) wrote it. */
export const commentOf = (comment: { body: string; createdAt: string; user: { name: string } | null }, identifier: string) => ({
  author: comment.user?.name ?? 'an integration',
  at: comment.createdAt.slice(0, 16).replace('T', ' '),
  body: untrusted(comment.body, `comment on ${identifier}`),
});

export const getIssue = defineTool({
  name: 'linear_get_issue',
  title: 'Get issue',
  description: 'One issue with its description, dates, parent, sub-issues and latest 5 comments (linear_list_comments for all).',
  toolset: 'issues',
  input: () => z.object({ issue: issueInput }),
  output: () =>
    issueSummaryOutput.extend({
      url: z.string(),
      description: z.string().optional(),
      created: z.string(),
      started: z.string().optional(),
      completed: z.string().optional(),
      canceled: z.string().optional(),
      creator: z.string().optional(),
      milestone: z.string().optional(),
      parent: z.string().optional(),
      sub_issues: z.array(z.string()).optional(),
      latest_comments: commentTable.schema.optional(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { identifier } = parseIdentifier(input.issue);
    const { issue } = await context.services.client.request<{ issue: ApiIssue }>(GET_ISSUE, { id: identifier });
    return {
      ...issueSummary(issue),
      url: issue.url,
      created: isoDay(issue.createdAt),
      ...compact({
        description: issue.description ? untrusted(issue.description, `description of ${issue.identifier}`) : undefined,
        started: issue.startedAt ? isoDay(issue.startedAt) : undefined,
        completed: issue.completedAt ? isoDay(issue.completedAt) : undefined,
        canceled: issue.canceledAt ? isoDay(issue.canceledAt) : undefined,
        creator: issue.creator?.name,
        milestone: issue.projectMilestone?.name,
        parent: issue.parent ? `${issue.parent.identifier} ${sanitizeUntrusted(issue.parent.title)}` : undefined,
        sub_issues: issue.children.nodes.length
          ? issue.children.nodes.map((child) => `${child.identifier} ${sanitizeUntrusted(child.title)} (${child.state.name})`)
          : undefined,
        latest_comments: issue.comments.nodes.length ? commentTable.of(issue.comments.nodes.map((comment) => commentOf(comment, issue.identifier))) : undefined,
      }),
    };
  },
});

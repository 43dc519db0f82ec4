import { annotations, compact } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { type Connection, document } from '../lib/documents.js';
import { cursorInput, issueInput } from '../lib/issue-shape.js';
import { parseIdentifier } from '../lib/resolve.js';
import { commentOf, commentTable } from './get-issue.js';

const LIST_COMMENTS = document(
  'ListComments',
  `query ListComments($id: String!, $first: Int!, $after: String) {
  issue(id: $id) {
    comments(first: $first, after: $after) {
      nodes { body createdAt user { name } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`,
);

export const listComments = defineTool({
  name: 'linear_list_comments',
  title: 'List comments',
  description: "An issue's comments, newest first.",
  toolset: 'issues',
  input: () => z.object({ issue: issueInput, limit: z.number().int().min(1).max(100).default(25), cursor: cursorInput }),
  output: () => z.object({ comments: commentTable.schema, next_cursor: z.string().optional() }),
  annotations: annotations.read,
  async handler(input, context) {
    const { identifier } = parseIdentifier(input.issue);
    const { issue } = await context.services.client.request<{
      issue: { comments: Connection<{ body: string; createdAt: string; user: { name: string } | null }> };
    }>(LIST_COMMENTS, { id: identifier, first: input.limit, after: input.cursor ?? null });
    const page = issue.comments;
    return {
      comments: commentTable.of(page.nodes.map((comment) => commentOf(comment, identifier))),
      ...compact({ next_cursor: page.pageInfo?.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined }),
    };
  },
});

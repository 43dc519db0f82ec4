import { annotations, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { cursorInput, nextCursorFromLink, nextCursorOutput, pageFromCursor, perPageInput } from '../lib/pagination.js';
import { repoInput } from '../lib/repo-input.js';
import { isoTimeInput, toTimestamp } from '../lib/time-input.js';
import { contentGate } from '../lockdown.js';

const commentTable = tableOf(() => z.object({ id: z.number(), author: z.string().optional(), created_at: z.string(), body: z.string() }));

export const listComments = defineTool({
  name: 'github_list_comments',
  title: 'List comments',
  description: 'Comments on an issue or pull request, oldest first.',
  toolset: 'issues',
  input: () =>
    z.object({
      ...repoInput,
      issue_number: z.number().int().min(1).describe('Issue or PR number'),
      since: isoTimeInput('Updated at or after (ISO 8601)').optional(),
      per_page: perPageInput(20),
      cursor: cursorInput,
    }),
  output: () =>
    z.object({
      comments: commentTable.schema,
      next_cursor: nextCursorOutput,
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const [response, gate] = await Promise.all([
      rest.issues.listComments({
        owner,
        repo,
        issue_number: input.issue_number,
        per_page: input.per_page,
        page: pageFromCursor(input.cursor),
        ...(input.since ? { since: toTimestamp(input.since) } : {}),
      }),
      contentGate(context, owner, repo),
    ]);
    return {
      comments: commentTable.of(
        await Promise.all(
          response.data.map(async (comment) => ({
            id: comment.id,
            ...(comment.user ? { author: comment.user.login } : {}),
            created_at: comment.created_at,
            body: await gate.text(comment.body, comment.user?.login, `comment ${comment.id} on #${input.issue_number}`),
          })),
        ),
      ),
      next_cursor: nextCursorFromLink(response.headers.link),
    };
  },
});

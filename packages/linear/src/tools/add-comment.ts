import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { document } from '../lib/documents.js';
import { issueInput } from '../lib/issue-shape.js';
import { markdown, parseIdentifier } from '../lib/resolve.js';

const ADD_COMMENT = document(
  'AddComment',
  `mutation AddComment($input: CommentCreateInput!) {
  commentCreate(input: $input) { success comment { id url } }
}`,
);

export const addComment = defineTool({
  name: 'linear_add_comment',
  title: 'Add comment',
  description: 'Adds a markdown comment to an issue.',
  toolset: 'issues',
  input: () => z.object({ issue: issueInput, body: z.string().min(1).describe('Markdown') }),
  output: () => z.object({ issue: z.string(), id: z.string(), url: z.string() }),
  annotations: annotations.write,
  async handler(input, context) {
    const { identifier } = parseIdentifier(input.issue);
    const { commentCreate } = await context.services.client.request<{ commentCreate: { comment: { id: string; url: string } } }>(ADD_COMMENT, {
      input: { issueId: identifier, body: markdown(input.body) },
    });
    return { issue: identifier, ...commentCreate.comment };
  },
});

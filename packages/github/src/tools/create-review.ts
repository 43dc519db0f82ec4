import { annotations, compact, InvalidInputError } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { repoInput } from '../lib/repo-input.js';

export const createReview = defineTool({
  name: 'github_create_review',
  title: 'Review pull request',
  description: 'Submit a review: COMMENT, APPROVE or REQUEST_CHANGES, with optional line comments (line in the new file; side LEFT for removed lines).',
  toolset: 'pulls',
  input: () =>
    z.object({
      ...repoInput,
      pull_number: z.number().int().min(1),
      event: z.enum(['COMMENT', 'APPROVE', 'REQUEST_CHANGES']),
      body: z.string().max(65_536).optional().describe('Required for COMMENT and REQUEST_CHANGES without line comments'),
      comments: z
        .array(
          z.object({
            path: z.string().min(1),
            line: z.number().int().min(1),
            start_line: z.number().int().min(1).optional().describe('For a multi-line comment'),
            side: z.enum(['LEFT', 'RIGHT']).default('RIGHT'),
            body: z.string().min(1).max(65_536),
          }),
        )
        .max(50)
        .optional(),
      commit_id: z
        .string()
        .regex(/^[0-9a-f]{40}$/)
        .optional()
        .describe('Head SHA the review is for; default latest'),
    }),
  output: () => z.object({ id: z.number(), state: z.string(), url: z.string() }),
  annotations: annotations.write,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    if (input.event !== 'APPROVE' && !input.body && !input.comments?.length) {
      throw new InvalidInputError(`a ${input.event} review needs a body or line comments`, { hint: 'Add body, or use event APPROVE.' });
    }
    const { rest } = await context.services.github;
    const comments = input.comments?.map(({ path, line, start_line, side, body }) => ({
      path,
      line,
      side,
      body,
      ...(start_line ? { start_line, start_side: side } : {}),
    }));
    const { data } = await rest.pulls.createReview({
      owner,
      repo,
      pull_number: input.pull_number,
      event: input.event,
      ...compact({ body: input.body, comments, commit_id: input.commit_id }),
    });
    return { id: data.id, state: data.state, url: data.html_url };
  },
});

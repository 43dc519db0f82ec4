import { annotations, compact, InvalidInputError } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { labelNames } from '../lib/issue-shape.js';
import { repoInput } from '../lib/repo-input.js';

export const updateIssue = defineTool({
  name: 'github_update_issue',
  title: 'Update issue',
  description:
    'Change an issue: title, body, state (+ state_reason), labels or assignees (both replace the whole set), milestone (null clears). Omitted fields stay.',
  toolset: 'issues',
  input: () =>
    z.object({
      ...repoInput,
      issue_number: z.number().int().min(1),
      title: z.string().min(1).max(256).optional(),
      body: z.string().max(65_536).optional(),
      state: z.enum(['open', 'closed']).optional(),
      state_reason: z.enum(['completed', 'not_planned', 'duplicate', 'reopened']).optional(),
      labels: z.array(z.string().min(1)).max(20).optional(),
      assignees: z.array(z.string().min(1)).max(10).optional(),
      milestone: z.number().int().min(1).nullable().optional(),
    }),
  output: () =>
    z.object({
      number: z.number(),
      state: z.string(),
      state_reason: z.string().optional(),
      labels: z.array(z.string()),
      assignees: z.array(z.string()),
      url: z.string(),
    }),
  annotations: annotations.idempotentWrite,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { issue_number, title, body, state, state_reason, labels, assignees, milestone } = input;
    // milestone: null clears it, so it is kept when given at all.
    const changes = { ...compact({ title, body, state, state_reason, labels, assignees }), ...(milestone === undefined ? {} : { milestone }) };
    if (Object.keys(changes).length === 0)
      throw new InvalidInputError('nothing to change', { hint: 'Pass at least one of title, body, state, state_reason, labels, assignees, milestone.' });
    if (state_reason === 'reopened' ? state === 'closed' : state_reason && state === 'open') {
      throw new InvalidInputError(`state_reason ${state_reason} does not fit state ${state}`, {
        hint: 'Use reopened with state open; completed, not_planned or duplicate with state closed.',
      });
    }
    const { rest } = await context.services.github;
    const { data } = await rest.issues.update({ owner, repo, issue_number, ...changes });
    return {
      number: data.number,
      state: data.state,
      ...(data.state_reason ? { state_reason: data.state_reason } : {}),
      labels: labelNames(data.labels),
      assignees: (data.assignees ?? []).map((user) => user.login),
      url: data.html_url,
    };
  },
});

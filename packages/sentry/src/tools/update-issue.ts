import { annotations, compact, InvalidInputError, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { issueInput, resolveIssue } from '../lib/issue-ref.js';
import { type ApiIssue, assigneeOf } from '../lib/issue-shape.js';
import { organizationInput } from '../lib/scope.js';

export const updateIssue = defineTool({
  name: 'sentry_update_issue',
  title: 'Update issue',
  description:
    'Resolve, ignore (optionally for ignore_minutes or until ignore_count more events) or reopen an issue, and/or assign it ("" unassigns). Omitted fields stay.',
  toolset: 'issues',
  input: () =>
    z.object({
      issue: issueInput,
      status: z.enum(['resolved', 'resolvedInNextRelease', 'ignored', 'unresolved']).optional(),
      assigned_to: z.string().optional().describe('Username, email, "team:<slug>", or "" to unassign'),
      ignore_minutes: z.number().int().min(1).optional(),
      ignore_count: z.number().int().min(1).optional(),
      organization: organizationInput,
    }),
  output: () =>
    z.object({
      id: z.string(),
      short_id: z.string().optional(),
      status: z.string(),
      assigned_to: z.string().optional(),
      ignore_until: z.string().optional(),
      permalink: z.string().optional(),
    }),
  annotations: annotations.idempotentWrite,
  async handler(input, context) {
    const ignoring = input.ignore_minutes !== undefined || input.ignore_count !== undefined;
    if (ignoring && input.status !== 'ignored') {
      throw new InvalidInputError('ignore_minutes and ignore_count go with status "ignored"', { hint: 'Pass status "ignored" with them, or leave them out.' });
    }
    if (input.status === undefined && input.assigned_to === undefined) {
      throw new InvalidInputError('nothing to change', { hint: 'Pass status, assigned_to, or both.' });
    }
    const { organization, id } = await resolveIssue(context, input.issue, input.organization);
    const statusDetails = compact({ ignoreDuration: input.ignore_minutes, ignoreCount: input.ignore_count });
    // Sentry takes partial updates: only what is given is sent.
    const body = {
      ...compact({ status: input.status, assignedTo: input.assigned_to }),
      ...(Object.keys(statusDetails).length ? { statusDetails } : {}),
    };
    const updated = await context.services.client.put<Partial<ApiIssue> | undefined>(urlPath`/organizations/${organization}/issues/${id}/`, body);
    // Older Sentry versions answer with the changed fields only: what was sent fills the rest.
    const assigned = updated && 'assignedTo' in updated ? assigneeOf(updated.assignedTo) : input.assigned_to || undefined;
    return {
      id: String(updated?.id ?? id),
      status: updated?.status ?? input.status ?? 'unchanged',
      ...compact({
        short_id: updated?.shortId,
        assigned_to: assigned,
        ignore_until: updated?.statusDetails?.ignoreUntil,
        permalink: updated?.permalink,
      }),
    };
  },
});

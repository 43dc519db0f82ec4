import { annotations, compact } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { cursorInput, nextCursorFromLink, nextCursorOutput, pageFromCursor, perPageInput } from '../lib/pagination.js';
import { repoInput } from '../lib/repo-input.js';
import { compactRun, runTable, runTitle, workflowInput } from '../lib/workflow-run-shape.js';
import { contentGate } from '../lockdown.js';

export const listWorkflowRuns = defineTool({
  name: 'github_list_workflow_runs',
  title: 'List workflow runs',
  description: 'GitHub Actions runs, newest first, of one workflow or all; filter by branch, status, event, actor.',
  toolset: 'actions',
  input: () =>
    z.object({
      ...repoInput,
      workflow: workflowInput.optional(),
      branch: z.string().min(1).optional(),
      status: z
        .enum([
          'completed',
          'in_progress',
          'queued',
          'requested',
          'waiting',
          'pending',
          'action_required',
          'cancelled',
          'failure',
          'neutral',
          'skipped',
          'stale',
          'success',
          'timed_out',
        ])
        .optional()
        .describe('Status or conclusion'),
      event: z.string().min(1).optional().describe('e.g. push, pull_request'),
      actor: z.string().min(1).optional(),
      per_page: perPageInput(20),
      cursor: cursorInput,
    }),
  output: () => z.object({ total_count: z.number(), runs: runTable.schema, next_cursor: nextCursorOutput }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const filters = {
      owner,
      repo,
      per_page: input.per_page,
      page: pageFromCursor(input.cursor),
      ...compact({ branch: input.branch, status: input.status, event: input.event, actor: input.actor }),
    };
    const [response, gate] = await Promise.all([
      input.workflow === undefined ? rest.actions.listWorkflowRunsForRepo(filters) : rest.actions.listWorkflowRuns({ ...filters, workflow_id: input.workflow }),
      contentGate(context, owner, repo),
    ]);
    const runs = response.data.workflow_runs;
    const titles = await Promise.all(runs.map((run) => runTitle(gate, run)));
    return {
      total_count: response.data.total_count,
      runs: runTable.of(runs.map((run, index) => compactRun(run, titles[index]!))),
      next_cursor: nextCursorFromLink(response.headers.link),
    };
  },
});

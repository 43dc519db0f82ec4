import { annotations, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { repoInput } from '../lib/repo-input.js';
import { compactRun, runOutput, runTitle } from '../lib/workflow-run-shape.js';
import { contentGate } from '../lockdown.js';

const JOBS_PAGE = 100;

const jobTable = tableOf(() =>
  z.object({
    id: z.number(),
    name: z.string(),
    status: z.string(),
    conclusion: z.string().optional(),
    started_at: z.string().optional(),
    completed_at: z.string().optional(),
    failed_steps: z.array(z.object({ number: z.number(), name: z.string() })).optional(),
  }),
);

export const getWorkflowRun = defineTool({
  name: 'github_get_workflow_run',
  title: 'Get workflow run',
  description: 'One Actions run with its jobs (latest attempt) and the steps that failed; then github_get_job_logs for a failure.',
  toolset: 'actions',
  input: () => z.object({ ...repoInput, run_id: z.number().int().positive() }),
  output: () =>
    runOutput.extend({
      sha: z.string(),
      html_url: z.string(),
      jobs: jobTable.schema,
      jobs_total: z.number().describe('Jobs in the run; more than listed when over 100'),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const [{ data: run }, { data: jobs }, gate] = await Promise.all([
      rest.actions.getWorkflowRun({ owner, repo, run_id: input.run_id }),
      rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: input.run_id, filter: 'latest', per_page: JOBS_PAGE }),
      contentGate(context, owner, repo),
    ]);
    return {
      ...compactRun(run, await runTitle(gate, run)),
      sha: run.head_sha,
      html_url: run.html_url,
      jobs: jobTable.of(
        jobs.jobs.map((job) => {
          const failed = (job.steps ?? []).filter((step) => step.conclusion === 'failure').map((step) => ({ number: step.number, name: step.name }));
          return {
            id: job.id,
            name: job.name,
            status: job.status,
            ...(job.conclusion ? { conclusion: job.conclusion } : {}),
            ...(job.started_at ? { started_at: job.started_at } : {}),
            ...(job.completed_at ? { completed_at: job.completed_at } : {}),
            ...(failed.length ? { failed_steps: failed } : {}),
          };
        }),
      ),
      jobs_total: jobs.total_count,
    };
  },
});

import { annotations, InvalidInputError, untrusted } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { failedStepTail } from '../lib/job-log.js';
import { repoInput } from '../lib/repo-input.js';
import { responseText } from '../lib/response-text.js';

const MAX_FAILED_JOBS = 3;

export const getJobLogs = defineTool({
  name: 'github_get_job_logs',
  title: 'Get job logs',
  description:
    'Tail of the failed step of an Actions job log (timestamps removed) plus its ##[error] lines. Pass job_id, or run_id for its failed jobs (up to 3).',
  toolset: 'actions',
  input: () =>
    z.object({
      ...repoInput,
      job_id: z.number().int().positive().optional(),
      run_id: z.number().int().positive().optional(),
      tail_lines: z.number().int().min(1).max(1_000).default(80),
      max_chars: z.number().int().min(500).max(30_000).default(8_000).describe('Per job'),
    }),
  output: () =>
    z.object({
      jobs: z.array(
        z.object({
          job_id: z.number(),
          name: z.string(),
          conclusion: z.string().optional(),
          failed_step: z.string().optional(),
          lines: z.string().describe('from-to of total, 1-based'),
          errors: z.string().optional().describe("The log's ##[error] lines"),
          log: z.string(),
        }),
      ),
      failed_jobs_total: z.number().optional().describe('With run_id: failed jobs in the run'),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    if ((input.job_id === undefined) === (input.run_id === undefined)) {
      throw new InvalidInputError('pass exactly one of job_id or run_id', { hint: "github_get_workflow_run lists a run's jobs with their ids." });
    }
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    let jobs: Array<{ id: number; name: string; conclusion: string | null; steps?: Array<{ name: string; conclusion: string | null }> }>;
    let failedTotal: number | undefined;
    if (input.job_id !== undefined) {
      jobs = [(await rest.actions.getJobForWorkflowRun({ owner, repo, job_id: input.job_id })).data];
    } else {
      const { data } = await rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: input.run_id!, filter: 'latest', per_page: 100 });
      const failed = data.jobs.filter((job) => job.conclusion === 'failure');
      failedTotal = failed.length;
      jobs = failed.slice(0, MAX_FAILED_JOBS);
    }
    const results = [];
    for (const job of jobs) {
      // GitHub answers with a 302 to blob storage; core's fetch follows it and re-checks egress.
      const { data } = await rest.actions.downloadJobLogsForWorkflowRun({ owner, repo, job_id: job.id });
      const tail = failedStepTail(responseText(data), input.tail_lines, input.max_chars);
      const failedStep = job.steps?.find((step) => step.conclusion === 'failure')?.name;
      const source = `log of job ${job.id}`;
      results.push({
        job_id: job.id,
        name: job.name,
        ...(job.conclusion ? { conclusion: job.conclusion } : {}),
        ...(failedStep ? { failed_step: failedStep } : {}),
        lines: `${tail.from_line}-${tail.to_line} of ${tail.total_lines}`,
        ...(tail.errors.length ? { errors: untrusted(tail.errors.join('\n'), source) } : {}),
        log: untrusted(tail.text, source),
      });
    }
    return { jobs: results, ...(failedTotal === undefined ? {} : { failed_jobs_total: failedTotal }) };
  },
});

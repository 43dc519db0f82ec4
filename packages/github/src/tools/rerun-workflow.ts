import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { repoInput } from '../lib/repo-input.js';

export const rerunWorkflow = defineTool({
  name: 'github_rerun_workflow',
  title: 'Re-run workflow',
  description: 'Re-run an Actions run: all jobs, or only the failed ones (and their dependents).',
  toolset: 'actions',
  input: () =>
    z.object({
      ...repoInput,
      run_id: z.number().int().positive(),
      failed_only: z.boolean().default(false),
      debug_logging: z.boolean().default(false),
    }),
  output: () => z.object({ run_id: z.number(), rerun: z.enum(['all_jobs', 'failed_jobs']), requested: z.boolean() }),
  annotations: annotations.write,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const request = { owner, repo, run_id: input.run_id, enable_debug_logging: input.debug_logging };
    if (input.failed_only) await rest.actions.reRunWorkflowFailedJobs(request);
    else await rest.actions.reRunWorkflow(request);
    return { run_id: input.run_id, rerun: input.failed_only ? ('failed_jobs' as const) : ('all_jobs' as const), requested: true };
  },
});

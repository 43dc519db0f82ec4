import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { defaultBranch } from '../lib/git-refs.js';
import { repoInput } from '../lib/repo-input.js';
import { workflowInput } from '../lib/workflow-run-shape.js';

export const dispatchWorkflow = defineTool({
  name: 'github_dispatch_workflow',
  title: 'Dispatch workflow',
  description:
    'Start a workflow that has a workflow_dispatch trigger, on a branch or tag, with inputs. Returns the new run id (not on GitHub Enterprise Server).',
  toolset: 'actions',
  input: () =>
    z.object({
      ...repoInput,
      workflow: workflowInput,
      ref: z.string().min(1).optional().describe('Branch or tag; default branch if omitted'),
      inputs: z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
        .optional()
        .describe("The workflow's inputs"),
    }),
  output: () => z.object({ workflow: z.string(), ref: z.string(), run_id: z.number().optional(), html_url: z.string().optional() }),
  annotations: annotations.write,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest, apiUrl } = await context.services.github;
    const ref = input.ref ?? (await defaultBranch(rest, owner, repo));
    // return_run_details makes GitHub answer 200 with the new run's id instead of an empty 204;
    // GitHub Enterprise Server (REST under /api/v3) does not know the parameter.
    const enterprise = apiUrl.endsWith('/api/v3');
    const response = await rest.actions.createWorkflowDispatch({
      owner,
      repo,
      workflow_id: input.workflow,
      ref,
      ...(input.inputs ? { inputs: input.inputs } : {}),
      ...(enterprise ? {} : { return_run_details: true }),
    });
    // Octokit's types predate return_run_details and only know the 204.
    const details = (response as { status: number }).status === 200 ? (response.data as { workflow_run_id?: number; html_url?: string }) : undefined;
    return {
      workflow: input.workflow,
      ref,
      ...(details?.workflow_run_id ? { run_id: details.workflow_run_id } : {}),
      ...(details?.html_url ? { html_url: details.html_url } : {}),
    };
  },
});

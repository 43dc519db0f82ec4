import type { ToolDefinition } from '@toolbridge/core';
import { dispatchWorkflow } from '../tools/dispatch-workflow.js';
import { getJobLogs } from '../tools/get-job-logs.js';
import { getWorkflowRun } from '../tools/get-workflow-run.js';
import { listWorkflowRuns } from '../tools/list-workflow-runs.js';
import { rerunWorkflow } from '../tools/rerun-workflow.js';

export const actionsTools: ToolDefinition<any, any, any>[] = [listWorkflowRuns, getWorkflowRun, getJobLogs, rerunWorkflow, dispatchWorkflow];

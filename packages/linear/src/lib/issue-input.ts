import * as z from 'zod';
import type { LinearContext } from '../define.js';
import { resolveCycleId } from './cycles.js';
import { markdown, PRIORITIES, priorityValue, resolveLabels, resolveProject, resolveState, resolveUser } from './resolve.js';
import type { Team } from './workspace.js';

/** Fields create and update share: names in, Linear's ids out. */
export const issueFields = {
  state: z.string().optional(),
  assignee: z.string().optional().describe('Name, email or "me"'),
  priority: z.enum(PRIORITIES).optional(),
  project: z.string().optional(),
  cycle: z.string().optional().describe('"current" or a number'),
  estimate: z.number().int().min(0).optional(),
};

const NONE = /^none$/i;

export interface IssueFieldValues {
  title?: string | undefined;
  description?: string | undefined;
  state?: string | undefined;
  assignee?: string | undefined;
  priority?: (typeof PRIORITIES)[number] | undefined;
  project?: string | undefined;
  cycle?: string | undefined;
  estimate?: number | undefined;
  labels?: string[] | undefined;
}

/** The IssueCreateInput / IssueUpdateInput fields for the given values, resolved within `team`. */
export async function issueInputFields(context: LinearContext, values: IssueFieldValues, team: Team): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  if (values.title !== undefined) input.title = values.title;
  if (values.description !== undefined) input.description = markdown(values.description);
  if (values.state) input.stateId = resolveState(team, values.state).id;
  if (values.assignee) input.assigneeId = NONE.test(values.assignee.trim()) ? null : (await resolveUser(context, values.assignee)).id;
  if (values.priority) input.priority = priorityValue(values.priority);
  if (values.project) input.projectId = NONE.test(values.project.trim()) ? null : (await resolveProject(context, values.project)).id;
  if (values.cycle) input.cycleId = NONE.test(values.cycle.trim()) ? null : await resolveCycleId(context, values.cycle, team);
  if (values.estimate !== undefined) input.estimate = values.estimate;
  if (values.labels?.length) input.labelIds = (await resolveLabels(context, values.labels, team)).map((label) => label.id);
  return input;
}

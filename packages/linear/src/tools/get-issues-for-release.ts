import { annotations, compact, InvalidInputError, sanitizeUntrusted, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool, type LinearContext } from '../define.js';
import { allPages, type Connection, document } from '../lib/documents.js';
import { cycleFilter } from '../lib/issue-filter.js';
import { choices, resolveLabels, resolveProject, resolveTeam } from '../lib/resolve.js';
import { percent } from './list-projects.js';

const RELEASE_ISSUES = document(
  'ReleaseIssues',
  `query ReleaseIssues($filter: IssueFilter, $after: String) {
  issues(filter: $filter, first: 100, after: $after) {
    nodes { identifier title estimate state { name type } assignee { name } }
    pageInfo { hasNextPage endCursor }
  }
}`,
);

const MILESTONES = document(
  'ReleaseMilestones',
  `query ReleaseMilestones($filter: ProjectMilestoneFilter) {
  projectMilestones(filter: $filter, first: 100) { nodes { name project { name } } }
}`,
);

/** When a milestone matched no issue: the name may be wrong; list the milestones there are (one request). */
async function checkMilestone(context: LinearContext, name: string, projectId: string | undefined) {
  const filter = projectId ? { project: { id: { eq: projectId } } } : null;
  const { projectMilestones } = await context.services.client.request<{ projectMilestones: Connection<{ name: string; project: { name: string } }> }>(
    MILESTONES,
    { filter },
  );
  if (projectMilestones.nodes.some((milestone) => milestone.name.toLowerCase() === name.trim().toLowerCase())) return;
  throw new InvalidInputError(
    `no milestone ${JSON.stringify(name)}${projectId ? ' in that project' : ''}; milestones are: ${choices(projectMilestones.nodes.map((milestone) => `${milestone.project.name}: ${milestone.name}`))}`,
    { hint: 'Pass a milestone name from the list (with project when names repeat).' },
  );
}

interface ApiIssue {
  identifier: string;
  title: string;
  estimate: number | null;
  state: { name: string; type: string };
  assignee: { name: string } | null;
}

const ORDER = ['started', 'unstarted', 'backlog', 'triage', 'completed', 'canceled'];
const MAX_PAGES = 5;

const releaseIssueTable = tableOf(() =>
  z.object({ id: z.string(), title: z.string(), state: z.string(), assignee: z.string().optional(), estimate: z.number().optional() }),
);

export const getIssuesForRelease = defineTool({
  name: 'linear_get_issues_for_release',
  title: 'Issues for a release',
  description:
    'The issues of a release, named by one of: a label, a project milestone, or a cycle ("current" or a number, with team). Returns them with their states (open first) and completion = completed / (all - canceled), in issues and in estimate points.',
  toolset: 'insights',
  input: () =>
    z.object({
      label: z.string().optional(),
      milestone: z.string().optional().describe('Project milestone name (with project when names repeat)'),
      cycle: z.string().optional(),
      team: z.string().optional().describe('Team key or name: narrows a label, needed for a cycle number'),
      project: z.string().optional(),
    }),
  output: () =>
    z.object({
      release: z.string(),
      total: z.number(),
      completed: z.number(),
      canceled: z.number(),
      open: z.number(),
      completion_pct: z.number(),
      points_total: z.number(),
      points_completed: z.number(),
      by_state: z.record(z.string(), z.number()),
      issues: releaseIssueTable.schema,
      complete: z.boolean(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const named = [input.label, input.milestone, input.cycle].filter((value) => value !== undefined);
    if (named.length !== 1)
      throw new InvalidInputError('name the release by exactly one of label, milestone or cycle', {
        hint: 'e.g. label "v2.0", or milestone "Beta" with project.',
      });
    const team = input.team || (input.cycle && context.settings.team) ? await resolveTeam(context, input.team) : undefined;
    const and: Array<Record<string, unknown>> = [];
    if (team) and.push({ team: { id: { eq: team.id } } });
    const projectId = input.project ? (await resolveProject(context, input.project)).id : undefined;
    if (projectId) and.push({ project: { id: { eq: projectId } } });
    let release: string;
    if (input.label) {
      const [label] = await resolveLabels(context, [input.label], team);
      and.push({ labels: { some: { id: { eq: label!.id } } } });
      release = `label ${label!.name}`;
    } else if (input.milestone) {
      and.push({ projectMilestone: { name: { eqIgnoreCase: input.milestone.trim() } } });
      release = `milestone ${input.milestone.trim()}`;
    } else {
      and.push({ cycle: cycleFilter(input.cycle!, team) });
      release = `cycle ${input.cycle}${team ? ` of ${team.key}` : ''}`;
    }
    const filter = { and };
    const { nodes, complete } = await allPages(
      async (after) => (await context.services.client.request<{ issues: Connection<ApiIssue> }>(RELEASE_ISSUES, { filter, after })).issues,
      MAX_PAGES,
    );
    if (!nodes.length && input.milestone) await checkMilestone(context, input.milestone, projectId);
    const count = (type: string) => nodes.filter((issue) => issue.state.type === type);
    const completed = count('completed');
    const canceled = count('canceled');
    const byState: Record<string, number> = {};
    for (const issue of nodes) byState[issue.state.name] = (byState[issue.state.name] ?? 0) + 1;
    const points = (issues: ApiIssue[]) => issues.reduce((sum, issue) => sum + (issue.estimate ?? 0), 0);
    const counted = nodes.length - canceled.length;
    return {
      release,
      total: nodes.length,
      completed: completed.length,
      canceled: canceled.length,
      open: counted - completed.length,
      completion_pct: counted ? percent(completed.length / counted) : 0,
      points_total: points(nodes.filter((issue) => issue.state.type !== 'canceled')),
      points_completed: points(completed),
      by_state: byState,
      issues: releaseIssueTable.of(
        [...nodes]
          .sort((a, b) => ORDER.indexOf(a.state.type) - ORDER.indexOf(b.state.type))
          .map((issue) => ({
            id: issue.identifier,
            title: sanitizeUntrusted(issue.title),
            state: issue.state.name,
            ...compact({ assignee: issue.assignee?.name, estimate: issue.estimate ?? undefined }),
          })),
      ),
      complete,
    };
  },
});

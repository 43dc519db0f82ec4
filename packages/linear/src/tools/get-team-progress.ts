import { annotations, InvalidInputError } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { allPages, type Connection, document } from '../lib/documents.js';
import { resolveTeam, teamInput } from '../lib/resolve.js';
import { parseTime, sinceInput } from '../lib/time.js';
import { percent } from './list-projects.js';

const TEAM_PROGRESS = document(
  'TeamProgress',
  `query TeamProgress($filter: IssueFilter, $after: String) {
  issues(filter: $filter, first: 250, after: $after) {
    nodes { estimate createdAt startedAt completedAt canceledAt state { type } }
    pageInfo { hasNextPage endCursor }
  }
}`,
);

interface ApiIssue {
  estimate: number | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  canceledAt: string | null;
  state: { type: string };
}

const MAX_PAGES = 4;

export const getTeamProgress = defineTool({
  name: 'linear_get_team_progress',
  title: 'Team progress',
  description:
    "A team's progress over a range (default 7d). scope_start: issues open at its start; added: created in it; completed, canceled, started: done, canceled, started in it; in_progress: in a started state now; scope_end = scope_start + added - canceled; completion_rate = completed / scope_end; scope_change = (added - canceled) / scope_start.",
  toolset: 'insights',
  input: () =>
    z.object({
      team: teamInput,
      since: sinceInput.default('7d'),
      until: sinceInput.optional().describe('Default now'),
    }),
  output: () =>
    z.object({
      team: z.string(),
      since: z.string(),
      until: z.string(),
      scope_start: z.number(),
      added: z.number(),
      completed: z.number(),
      completed_points: z.number(),
      started: z.number(),
      in_progress: z.number(),
      canceled: z.number(),
      scope_end: z.number(),
      completion_rate_pct: z.number(),
      scope_change_pct: z.number(),
      complete: z.boolean().describe('false when the team had more than 1,000 such issues and only the first 1,000 were counted'),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const now = Date.now();
    const since = parseTime(input.since, now);
    const until = input.until ? parseTime(input.until, now) : now;
    if (since >= until) throw new InvalidInputError('since must be before until', { hint: 'Pass an earlier since, e.g. 14d.' });
    const team = await resolveTeam(context, input.team);
    const sinceIso = new Date(since).toISOString();
    // Issues that could count: created before the end, and not closed before the start.
    const filter = {
      and: [
        { team: { id: { eq: team.id } } },
        { createdAt: { lt: new Date(until).toISOString() } },
        { or: [{ completedAt: { null: true } }, { completedAt: { gte: sinceIso } }] },
        { or: [{ canceledAt: { null: true } }, { canceledAt: { gte: sinceIso } }] },
      ],
    };
    const { nodes, complete } = await allPages(
      async (after) => (await context.services.client.request<{ issues: Connection<ApiIssue> }>(TEAM_PROGRESS, { filter, after })).issues,
      MAX_PAGES,
    );
    const within = (time: string | null) => time !== null && Date.parse(time) >= since && Date.parse(time) < until;
    const scopeStart = nodes.filter((issue) => Date.parse(issue.createdAt) < since).length;
    const added = nodes.filter((issue) => within(issue.createdAt)).length;
    const completed = nodes.filter((issue) => within(issue.completedAt));
    const canceled = nodes.filter((issue) => within(issue.canceledAt)).length;
    const scopeEnd = scopeStart + added - canceled;
    return {
      team: team.key,
      since: new Date(since).toISOString(),
      until: new Date(until).toISOString(),
      scope_start: scopeStart,
      added,
      completed: completed.length,
      completed_points: completed.reduce((sum, issue) => sum + (issue.estimate ?? 0), 0),
      started: nodes.filter((issue) => within(issue.startedAt)).length,
      in_progress: nodes.filter((issue) => issue.state.type === 'started').length,
      canceled,
      scope_end: scopeEnd,
      completion_rate_pct: scopeEnd > 0 ? percent(completed.length / scopeEnd) : 0,
      scope_change_pct: scopeStart > 0 ? percent((added - canceled) / scopeStart) : 0,
      complete,
    };
  },
});

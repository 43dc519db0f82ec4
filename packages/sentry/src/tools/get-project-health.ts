import { annotations, compact, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import type { SentryContext } from '../define.js';
import { defineTool } from '../define.js';
import { type ApiIssue, issueSummary, issueTable } from '../lib/issue-shape.js';
import { percent, toNumber } from '../lib/numbers.js';
import { organizationInput, organizationOf, projectIdOf, projectInput, projectOf } from '../lib/scope.js';
import { doubled, periodMs, timeRangeInput } from '../lib/time-range.js';

interface StatsV2 {
  intervals?: string[] | null;
  groups?: Array<{ series?: Record<string, Array<number | null>> | null }> | null;
}

interface Sessions {
  groups?: Array<{ totals?: Record<string, number | null> | null }> | null;
}

const QUANTITY = 'sum(quantity)';
const TOP = 5;

/** Accepted error events in this period and the one before, from one stats_v2 series over both. */
async function eventVolume(context: SentryContext, organization: string, projectId: string, range: string) {
  const span = periodMs(range);
  const { data } = await context.services.client.get<StatsV2>(urlPath`/organizations/${organization}/stats_v2/`, {
    field: QUANTITY,
    groupBy: ['outcome'],
    category: 'error',
    outcome: 'accepted',
    project: [projectId],
    statsPeriod: doubled(range),
    interval: 2 * span <= 14 * 86_400_000 ? '1h' : '1d',
  });
  const boundary = Date.now() - span;
  // The first interval starts before the two periods (Sentry rounds the start down): it is left out.
  const start = boundary - span;
  let current = 0;
  let previous = 0;
  const intervals = data.intervals ?? [];
  for (const group of data.groups ?? []) {
    (group.series?.[QUANTITY] ?? []).forEach((count, index) => {
      const at = Date.parse(intervals[index] ?? '');
      if (at < start) return;
      if (at >= boundary) current += count ?? 0;
      else previous += count ?? 0;
    });
  }
  return { current, previous };
}

export const getProjectHealth = defineTool({
  name: 'sentry_get_project_health',
  title: 'Get project health',
  description:
    'A project over a period: error events against the period before (change in %), new issues, top issues, crash-free sessions and users when the project sends sessions.',
  toolset: 'projects',
  input: () => z.object({ project: projectInput, time_range: timeRangeInput('7d'), organization: organizationInput }),
  output: () =>
    z.object({
      project: z.string(),
      events: z.number(),
      previous_events: z.number(),
      change_pct: z.number().optional(),
      new_issues: z.number(),
      new_top: issueTable.schema,
      top_issues: issueTable.schema,
      crash_free_sessions_pct: z.number().optional(),
      crash_free_users_pct: z.number().optional(),
      sessions: z.number().optional(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const organization = await organizationOf(context, input.organization);
    const project = projectOf(context, input.project);
    const projectId = await projectIdOf(context, organization, project);
    const client = context.services.client;
    const issues = (query: string) =>
      client.get<ApiIssue[]>(urlPath`/organizations/${organization}/issues/`, {
        query,
        project: [projectId],
        statsPeriod: input.time_range,
        sort: 'freq',
        limit: TOP,
        collapse: ['stats', 'lifetime', 'filtered'],
      });
    const [volume, fresh, top, sessions] = await Promise.all([
      eventVolume(context, organization, projectId, input.time_range),
      issues(`is:unresolved firstSeen:-${input.time_range}`),
      issues('is:unresolved'),
      client.getOptional<Sessions>(urlPath`/organizations/${organization}/sessions/`, {
        field: ['sum(session)', 'crash_free_rate(session)', 'crash_free_rate(user)'],
        project: [projectId],
        statsPeriod: input.time_range,
        interval: '1d',
        includeSeries: 0,
      }),
    ]);
    const totals = sessions?.groups?.[0]?.totals;
    const sessionCount = toNumber(totals?.['sum(session)']);
    return {
      project,
      events: volume.current,
      previous_events: volume.previous,
      ...compact({ change_pct: volume.previous ? Math.round(((volume.current - volume.previous) / volume.previous) * 1000) / 10 : undefined }),
      new_issues: fresh.hits ?? fresh.data.length,
      new_top: issueTable.of(fresh.data.map(issueSummary)),
      top_issues: issueTable.of(top.data.map(issueSummary)),
      ...(sessionCount
        ? compact({
            crash_free_sessions_pct: percent(totals?.['crash_free_rate(session)']),
            crash_free_users_pct: percent(totals?.['crash_free_rate(user)']),
            sessions: sessionCount,
          })
        : {}),
    };
  },
});

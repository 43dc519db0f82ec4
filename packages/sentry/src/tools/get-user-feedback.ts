import { annotations, compact, sanitizeUntrusted, tableOf, truncate, untrusted, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { organizationInput, organizationOf, projectInput, projectOf } from '../lib/scope.js';
import { periodMs, timeRangeInput } from '../lib/time-range.js';

interface ApiUserReport {
  id?: string | null;
  comments?: string | null;
  dateCreated?: string | null;
  name?: string | null;
  email?: string | null;
  eventID?: string | null;
  issue?: { id?: string | null; shortId?: string | null; title?: string | null } | null;
}

/** Pages of 100 reports read at most; the newest come first, so this covers busy periods too. */
const MAX_PAGES = 5;
const COMMENTS_PER_ISSUE = 3;

interface Group {
  issue?: string;
  short_id?: string;
  title?: string;
  reports: number;
  latest?: string;
  comments: string[];
}

const feedbackTable = tableOf(() =>
  z.object({
    issue: z.string().optional(),
    short_id: z.string().optional(),
    title: z.string().optional(),
    reports: z.number(),
    latest: z.string().optional(),
    comments: z.array(z.string()),
  }),
);

export const getUserFeedback = defineTool({
  name: 'sentry_get_user_feedback',
  title: 'Get user feedback',
  description:
    'User reports (crash-report dialog) of a project grouped by issue, most reported first, with the latest comments. Widget feedback: sentry_search_errors with "issue.category:feedback".',
  toolset: 'projects',
  input: () =>
    z.object({
      project: projectInput,
      time_range: timeRangeInput('7d'),
      min_reports: z.number().int().min(1).default(1),
      organization: organizationInput,
    }),
  output: () =>
    z.object({
      total_reports: z.number(),
      issues: feedbackTable.schema,
      more: z.string().optional(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const organization = await organizationOf(context, input.organization);
    const project = projectOf(context, input.project);
    const since = Date.now() - periodMs(input.time_range);
    const groups = new Map<string, Group>();
    let total = 0;
    let cursor: string | undefined;
    let pages = 0;
    let older = false;
    do {
      const page = await context.services.client.get<ApiUserReport[]>(urlPath`/projects/${organization}/${project}/user-feedback/`, { cursor });
      for (const report of page.data) {
        const created = Date.parse(report.dateCreated ?? '');
        if (created < since) {
          older = true;
          continue;
        }
        total += 1;
        const key = report.issue?.id ?? '';
        const group = groups.get(key) ?? {
          ...compact({
            issue: report.issue?.id,
            short_id: report.issue?.shortId,
            title: report.issue?.title ? sanitizeUntrusted(report.issue.title) : undefined,
          }),
          reports: 0,
          comments: [],
        };
        group.reports += 1;
        if (!group.latest || (report.dateCreated && report.dateCreated > group.latest)) group.latest = report.dateCreated ?? undefined;
        if (report.comments && group.comments.length < COMMENTS_PER_ISSUE) {
          const who = report.name || report.email || 'a user';
          group.comments.push(untrusted(truncate(report.comments, 500), `feedback by ${who} on ${report.dateCreated ?? '?'}`));
        }
        groups.set(key, group);
      }
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && !older && pages < MAX_PAGES);
    const issues = [...groups.values()].filter((group) => group.reports >= input.min_reports).sort((a, b) => b.reports - a.reports);
    return {
      total_reports: total,
      issues: feedbackTable.of(issues),
      ...compact({ more: cursor && !older ? `only the newest ${pages * 100} reports were read; narrow time_range for exact counts` : undefined }),
    };
  },
});

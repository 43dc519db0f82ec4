import { annotations, compact, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { type ApiIssue, issueSummary, issueTable } from '../lib/issue-shape.js';
import { cursorInput, nextCursorOutput } from '../lib/pagination.js';
import { organizationInput, organizationOf, projectIdOf, projectInput } from '../lib/scope.js';
import { timeRangeInput } from '../lib/time-range.js';

export const searchErrors = defineTool({
  name: 'sentry_search_errors',
  title: 'Search errors',
  description:
    'Issues (grouped errors) matching Sentry search syntax, e.g. "is:unresolved level:error", "TypeError release:1.2", "user.email:a@b.c". Empty query: all.',
  toolset: 'issues',
  input: () =>
    z.object({
      query: z.string().default('is:unresolved'),
      project: projectInput,
      environment: z.string().min(1).optional(),
      time_range: timeRangeInput('14d'),
      sort: z.enum(['date', 'freq', 'new', 'user']).default('date').describe('date: last seen; freq: events; new: first seen; user: users'),
      limit: z.number().int().min(1).max(100).default(25),
      cursor: cursorInput,
      organization: organizationInput,
    }),
  output: () => z.object({ issues: issueTable.schema, total: z.number().optional(), next_cursor: nextCursorOutput }),
  annotations: annotations.read,
  async handler(input, context) {
    const organization = await organizationOf(context, input.organization);
    // A project filter is only applied when asked for: SENTRY_PROJECT narrows searches only when set.
    const slug = input.project ?? context.settings.project;
    // Ids: every Sentry version takes them (slugs in `project` are recent).
    const project = slug ? await projectIdOf(context, organization, slug) : undefined;
    const { data, nextCursor, hits } = await context.services.client.get<ApiIssue[]>(urlPath`/organizations/${organization}/issues/`, {
      query: input.query,
      statsPeriod: input.time_range,
      sort: input.sort,
      limit: input.limit,
      project: project ? [project] : undefined,
      environment: input.environment ? [input.environment] : undefined,
      cursor: input.cursor,
      // A short id typed as the query (PROJ-1A) finds its issue.
      shortIdLookup: '1',
      collapse: ['stats', 'lifetime', 'filtered'],
    });
    return { issues: issueTable.of(data.map(issueSummary)), ...compact({ total: hits, next_cursor: nextCursor }) };
  },
});

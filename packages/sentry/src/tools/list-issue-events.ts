import { annotations, compact, sanitizeUntrusted, tableOf, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { issueInput, resolveIssue } from '../lib/issue-ref.js';
import { cursorInput, nextCursorOutput } from '../lib/pagination.js';
import { organizationInput } from '../lib/scope.js';
import { timeRangeInput } from '../lib/time-range.js';

interface ApiEventRow {
  eventID?: string | null;
  id?: string | null;
  title?: string | null;
  message?: string | null;
  dateCreated?: string | null;
  user?: { id?: string | null; email?: string | null; username?: string | null } | null;
  tags?: Array<{ key?: string | null; value?: string | null }> | null;
}

const tag = (row: ApiEventRow, key: string) => row.tags?.find((candidate) => candidate?.key === key)?.value ?? undefined;

const eventTable = tableOf(() =>
  z.object({
    id: z.string(),
    date: z.string().optional(),
    message: z.string().optional(),
    user: z.string().optional(),
    release: z.string().optional(),
    environment: z.string().optional(),
  }),
);

export const listIssueEvents = defineTool({
  name: 'sentry_list_issue_events',
  title: 'List issue events',
  description: 'Events of one issue, newest first: id, time, message, user, release, environment. Narrow with a search query.',
  toolset: 'issues',
  input: () =>
    z.object({
      issue: issueInput,
      query: z.string().optional(),
      environment: z.string().min(1).optional(),
      time_range: timeRangeInput('14d'),
      limit: z.number().int().min(1).max(100).default(25),
      cursor: cursorInput,
      organization: organizationInput,
    }),
  output: () =>
    z.object({
      events: eventTable.schema,
      next_cursor: nextCursorOutput,
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { organization, id } = await resolveIssue(context, input.issue, input.organization);
    const { data, nextCursor } = await context.services.client.get<ApiEventRow[]>(urlPath`/organizations/${organization}/issues/${id}/events/`, {
      statsPeriod: input.time_range,
      query: input.query,
      environment: input.environment ? [input.environment] : undefined,
      per_page: input.limit,
      cursor: input.cursor,
    });
    return {
      events: eventTable.of(
        data.map((row) => {
          const message = row.message || row.title;
          const user = row.user?.email ?? row.user?.username ?? (row.user?.id ? `id:${row.user.id}` : undefined);
          return {
            id: String(row.eventID ?? row.id),
            ...compact({
              date: row.dateCreated,
              message: message ? sanitizeUntrusted(message).slice(0, 300) : undefined,
              user: user ? sanitizeUntrusted(user) : undefined,
              release: tag(row, 'release'),
              environment: tag(row, 'environment'),
            }),
          };
        }),
      ),
      ...compact({ next_cursor: nextCursor }),
    };
  },
});

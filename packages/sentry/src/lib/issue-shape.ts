import { compact, sanitizeUntrusted, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import { toNumber } from './numbers.js';

/** An issue as Sentry's API sends it; everything may be missing or null on some Sentry versions. */
export interface ApiIssue {
  id: string;
  shortId?: string | null;
  title?: string | null;
  culprit?: string | null;
  level?: string | null;
  status?: string | null;
  substatus?: string | null;
  priority?: string | null;
  count?: string | number | null;
  userCount?: number | string | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  permalink?: string | null;
  platform?: string | null;
  isUnhandled?: boolean | null;
  project?: { slug?: string | null; id?: string | null } | null;
  assignedTo?: { type?: string | null; name?: string | null; email?: string | null } | null;
  statusDetails?: { ignoreUntil?: string | null; ignoreCount?: number | null; inRelease?: string | null } | null;
}

/** An issue as a list shows it: what a model needs to pick one. */
export const issueSummaryOutput = z.object({
  id: z.string(),
  short_id: z.string().optional(),
  title: z.string(),
  culprit: z.string().optional(),
  level: z.string().optional(),
  status: z.string().optional(),
  events: z.number().optional(),
  users: z.number().optional(),
  first_seen: z.string().optional(),
  last_seen: z.string().optional(),
  project: z.string().optional(),
  assigned_to: z.string().optional(),
  unhandled: z.boolean().optional(),
});

/** Issues as a list returns them: one row each. */
export const issueTable = tableOf(() => issueSummaryOutput);

/** "Jane Doe" for a user, "team:backend" for a team. */
export function assigneeOf(assigned: ApiIssue['assignedTo']): string | undefined {
  if (!assigned) return undefined;
  const name = assigned.email ?? assigned.name ?? undefined;
  return assigned.type === 'team' && assigned.name ? `team:${assigned.name}` : name;
}

// Titles and culprits come from event data that anyone holding a public DSN can send: invisible text is
// stripped here; fencing each title of a list would cost more tokens than the list.
export function issueSummary(issue: ApiIssue): z.input<typeof issueSummaryOutput> {
  return {
    id: String(issue.id),
    title: sanitizeUntrusted(issue.title ?? '(no title)'),
    ...compact({
      short_id: issue.shortId,
      culprit: issue.culprit ? sanitizeUntrusted(issue.culprit) : undefined,
      level: issue.level,
      status: issue.substatus && issue.status === 'unresolved' ? `${issue.status} (${issue.substatus})` : issue.status,
      events: toNumber(issue.count),
      users: toNumber(issue.userCount),
      first_seen: issue.firstSeen,
      last_seen: issue.lastSeen,
      project: issue.project?.slug,
      assigned_to: assigneeOf(issue.assignedTo),
      unhandled: issue.isUnhandled || undefined,
    }),
  };
}

import { tableOf, toCsv, withoutEmpty } from '@toolbridge/core';
import * as z from 'zod';
import type { ContentGate } from '../lockdown.js';
import { plain } from '../lockdown.js';
import { cursorNote } from './list-params.js';

/** An issue (or PR) as a list shows it: what a model needs to pick one, not the API payload. */
export const issueSummaryOutput = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  author: z.string().optional(),
  labels: z.array(z.string()),
  comments: z.number(),
  updated_at: z.string(),
  pull_request: z.boolean().optional(),
});

/** Issues of one repository, one row each (github_list_issues leaves pull requests out: no pull_request column). */
export const issueTable = tableOf(() => issueSummaryOutput.omit({ pull_request: true }));
/** Search results: issues of any repository. */
export const foundIssueTable = tableOf(() => issueSummaryOutput.extend({ repository: z.string() }));

export const issueOutput = issueSummaryOutput.extend({
  labels: z.array(z.string()).optional(),
  state_reason: z.string().optional(),
  assignees: z.array(z.string()).optional(),
  milestone: z.string().optional(),
  created_at: z.string(),
  closed_at: z.string().optional(),
  url: z.string(),
  body: z.string().optional(),
});

/** The REST fields these shapes read (issues API, search API). */
export interface RestIssue {
  number: number;
  title: string;
  state: string;
  state_reason?: string | null;
  user: { login: string } | null;
  labels: Array<string | { name?: string }>;
  assignees?: Array<{ login: string }> | null;
  milestone: { title: string } | null;
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  html_url: string;
  body?: string | null;
  pull_request?: unknown;
}

/** Label names, cleaned like other text written by other people. */
export const labelNames = (labels: RestIssue['labels']) => labels.map((label) => plain(typeof label === 'string' ? label : label.name)).filter(Boolean);

export function issueSummary(issue: RestIssue): z.input<typeof issueSummaryOutput> {
  return {
    number: issue.number,
    title: plain(issue.title),
    state: issue.state,
    ...(issue.user ? { author: issue.user.login } : {}),
    labels: labelNames(issue.labels),
    comments: issue.comments,
    updated_at: issue.updated_at,
    ...(issue.pull_request ? { pull_request: true } : {}),
  };
}

export async function issueDetail(issue: RestIssue, gate: ContentGate): Promise<z.input<typeof issueOutput>> {
  const kind = issue.pull_request ? 'pull request' : 'issue';
  return withoutEmpty({
    ...issueSummary(issue),
    state_reason: issue.state_reason,
    assignees: (issue.assignees ?? []).map((user) => user.login),
    milestone: issue.milestone && plain(issue.milestone.title),
    created_at: issue.created_at,
    closed_at: issue.closed_at,
    url: issue.html_url,
    body: (await gate.text(issue.body, issue.user?.login, `${kind} #${issue.number} body`)) || undefined,
  });
}

/** A list as CSV (fewer tokens than even the table's JSON) plus the cursor line. */
export function renderIssueRows(
  rows: ReadonlyArray<z.output<typeof issueSummaryOutput> & { repository?: string }>,
  nextCursor: string | undefined,
  withRepository = false,
): string {
  const header = [...(withRepository ? ['repository'] : []), 'number', 'title', 'state', 'author', 'labels', 'comments', 'updated_at', 'pr'];
  const table = toCsv(
    header,
    rows.map((row) => [
      ...(withRepository ? [row.repository] : []),
      row.number,
      row.title,
      row.state,
      row.author,
      row.labels.join(' '),
      row.comments,
      row.updated_at,
      row.pull_request ? 'yes' : '',
    ]),
  );
  return `${table}\n${cursorNote(nextCursor)}`;
}

import { tableOf, toCsv, withoutEmpty } from '@toolbridge/core';
import * as z from 'zod';
import { plain } from '../lockdown.js';
import { cursorNote } from './list-params.js';

/** Review outcome from the reviews list: each reviewer's latest decisive review counts, as on GitHub. */
export function reviewDecision(
  reviews: ReadonlyArray<{ user: { login: string } | null; state: string }>,
  requestedReviewers: number,
): 'approved' | 'changes_requested' | 'review_required' | 'none' {
  const latest = new Map<string, string>();
  for (const review of reviews) {
    if (!review.user || review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(review.user.login, review.state);
  }
  const states = [...latest.values()];
  if (states.includes('CHANGES_REQUESTED')) return 'changes_requested';
  if (states.includes('APPROVED')) return 'approved';
  return requestedReviewers > 0 ? 'review_required' : 'none';
}

export const checksOutput = z.object({
  total: z.number(),
  passed: z.number(),
  failed: z.number(),
  pending: z.number(),
  skipped: z.number(),
  failing: z.array(z.string()).optional(),
});

const FAILED = new Set(['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure', 'stale']);

export function checksSummary(runs: ReadonlyArray<{ name: string; status: string; conclusion: string | null }>): z.input<typeof checksOutput> {
  const summary = { total: runs.length, passed: 0, failed: 0, pending: 0, skipped: 0, failing: [] as string[] };
  for (const run of runs) {
    if (run.status !== 'completed') summary.pending += 1;
    else if (run.conclusion && FAILED.has(run.conclusion)) {
      summary.failed += 1;
      summary.failing.push(run.name);
    } else if (run.conclusion === 'skipped' || run.conclusion === 'neutral') summary.skipped += 1;
    else summary.passed += 1;
  }
  return withoutEmpty(summary);
}

/** open, closed or merged (REST says closed for merged pull requests). */
export const pullState = (pull: { state: string; merged_at: string | null }) => (pull.merged_at ? 'merged' : pull.state);

export const pullSummaryOutput = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  draft: z.boolean(),
  author: z.string().optional(),
  head: z.string(),
  base: z.string(),
  labels: z.array(z.string()),
  updated_at: z.string(),
});

export const pullTable = tableOf(() => pullSummaryOutput);

export interface RestPullSummary {
  number: number;
  title: string;
  state: string;
  merged_at: string | null;
  draft?: boolean;
  user: { login: string } | null;
  head: { label: string };
  base: { ref: string };
  labels: Array<{ name: string }>;
  updated_at: string;
}

export function pullSummary(pull: RestPullSummary): z.input<typeof pullSummaryOutput> {
  return {
    number: pull.number,
    title: plain(pull.title),
    state: pullState(pull),
    draft: Boolean(pull.draft),
    ...(pull.user ? { author: pull.user.login } : {}),
    head: plain(pull.head.label),
    base: plain(pull.base.ref),
    labels: pull.labels.map((label) => plain(label.name)),
    updated_at: pull.updated_at,
  };
}

/** Pull requests as CSV plus the cursor line. */
export function renderPullRows(rows: ReadonlyArray<z.output<typeof pullSummaryOutput>>, nextCursor: string | undefined): string {
  const table = toCsv(
    ['number', 'title', 'state', 'draft', 'author', 'head', 'base', 'labels', 'updated_at'],
    rows.map((row) => [row.number, row.title, row.state, row.draft ? 'yes' : '', row.author, row.head, row.base, row.labels.join(' '), row.updated_at]),
  );
  return `${table}\n${cursorNote(nextCursor)}`;
}

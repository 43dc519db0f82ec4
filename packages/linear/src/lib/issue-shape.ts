import { compact, sanitizeUntrusted, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import type { Connection } from './documents.js';
import { priorityName } from './resolve.js';
import { isoDay } from './time.js';

/** The fields every issue list selects (complexity about 28 an issue). */
export const ISSUE_SUMMARY = `fragment IssueSummary on Issue {
  identifier title priority estimate updatedAt
  state { name type }
  assignee { name }
  labels(first: 20) { nodes { name } }
  project { name }
  cycle { number }
}`;

export interface ApiIssueSummary {
  identifier: string;
  title: string;
  priority: number;
  estimate: number | null;
  updatedAt: string;
  state: { name: string; type: string };
  assignee: { name: string } | null;
  labels: Connection<{ name: string }>;
  project: { name: string } | null;
  cycle: { number: number } | null;
}

export const issueSummaryOutput = z.object({
  id: z.string(),
  title: z.string(),
  state: z.string(),
  assignee: z.string().optional(),
  priority: z.string().optional(),
  estimate: z.number().optional(),
  labels: z.array(z.string()).optional(),
  project: z.string().optional(),
  cycle: z.number().optional(),
  updated: z.string(),
});

/** Issues as a list returns them: one row each. */
export const issueTable = tableOf(() => issueSummaryOutput);

/** An issue in a few tokens: what is unset is left out. Titles are cleaned (they are one line a model reads as data). */
export function issueSummary(issue: ApiIssueSummary): z.input<typeof issueSummaryOutput> {
  return {
    id: issue.identifier,
    title: sanitizeUntrusted(issue.title),
    state: issue.state.name,
    ...compact({
      assignee: issue.assignee?.name,
      priority: issue.priority ? priorityName(issue.priority) : undefined,
      estimate: issue.estimate ?? undefined,
      labels: issue.labels.nodes.length ? issue.labels.nodes.map((label) => label.name) : undefined,
      project: issue.project?.name,
      cycle: issue.cycle?.number,
    }),
    updated: isoDay(issue.updatedAt),
  };
}

export const issueInput = z.string().min(1).describe('Identifier (ENG-123) or issue URL');
export const cursorInput = z.string().min(1).optional().describe('next_cursor of the previous page');

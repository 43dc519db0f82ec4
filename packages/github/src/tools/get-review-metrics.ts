import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { graphqlStrict } from '../lib/graphql-strict.js';
import { scopeInput, scopeOf, sinceInput } from '../lib/insight-scope.js';
import { daysAgo, hoursBetween, mean, median, round } from '../lib/stats.js';

const PAGE = 50;
const MAX_PAGES = 4;

const QUERY = `query($q: String!, $after: String) {
  search(query: $q, type: ISSUE, first: ${PAGE}, after: $after) {
    issueCount
    pageInfo { hasNextPage endCursor }
    nodes { ... on PullRequest { number createdAt mergedAt author { login } reviews(first: 100) { nodes { state submittedAt author { login } } } } }
  }
}`;

interface PullNode {
  number?: number;
  createdAt: string;
  mergedAt: string | null;
  author: { login: string } | null;
  reviews: { nodes: Array<{ state: string; submittedAt: string | null; author: { login: string } | null }> };
}
interface SearchPage {
  search: { issueCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<PullNode | Record<string, never>> };
}

export const getReviewMetrics = defineTool({
  name: 'github_get_review_metrics',
  title: 'Review metrics',
  description:
    'Code review metrics for PRs created since a date (default 30 days): median hours to first review (first submitted review by someone other than the author) and to merge (merged PRs); approval rate (reviewed PRs with an approval / reviewed PRs); mean review rounds (1 + changes-requested reviews, per reviewed PR). Reads at most 200 PRs in one GraphQL query per 50.',
  toolset: 'insights',
  input: () => z.object({ ...scopeInput, since: sinceInput(30) }),
  output: () =>
    z.object({
      since: z.string(),
      prs_in_window: z.number(),
      prs_analyzed: z.number(),
      merged: z.number(),
      reviewed: z.number(),
      median_hours_to_first_review: z.number().optional(),
      median_hours_to_merge: z.number().optional(),
      approval_rate: z.number().optional(),
      mean_review_rounds: z.number().optional(),
      note: z.string().optional(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const scope = scopeOf(context, input);
    const since = input.since ?? daysAgo(30);
    const q = `${scope.qualifier} is:pr created:>=${since} sort:created-desc`;
    const pulls: PullNode[] = [];
    let total = 0;
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { search }: SearchPage = await graphqlStrict<SearchPage>(context, QUERY, { q, after });
      total = search.issueCount;
      pulls.push(...search.nodes.filter((node): node is PullNode => 'createdAt' in node));
      if (!search.pageInfo.hasNextPage || !search.pageInfo.endCursor) break;
      after = search.pageInfo.endCursor;
    }
    const firstReviewHours: number[] = [];
    const mergeHours: number[] = [];
    const rounds: number[] = [];
    let approved = 0;
    for (const pull of pulls) {
      if (pull.mergedAt) mergeHours.push(hoursBetween(pull.createdAt, pull.mergedAt));
      const reviews = pull.reviews.nodes.filter((review) => review.submittedAt && review.author?.login !== pull.author?.login);
      if (!reviews.length) continue;
      const first = reviews.map((review) => review.submittedAt!).sort()[0]!;
      firstReviewHours.push(hoursBetween(pull.createdAt, first));
      if (reviews.some((review) => review.state === 'APPROVED')) approved += 1;
      rounds.push(1 + reviews.filter((review) => review.state === 'CHANGES_REQUESTED').length);
    }
    return {
      since,
      prs_in_window: total,
      prs_analyzed: pulls.length,
      merged: mergeHours.length,
      reviewed: rounds.length,
      median_hours_to_first_review: round(median(firstReviewHours), 1),
      median_hours_to_merge: round(median(mergeHours), 1),
      approval_rate: rounds.length ? round(approved / rounds.length) : undefined,
      mean_review_rounds: round(mean(rounds)),
      ...(pulls.length < total ? { note: `sampled: the ${pulls.length} most recently created of ${total} PRs` } : {}),
    };
  },
});

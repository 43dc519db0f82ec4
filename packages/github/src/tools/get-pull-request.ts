import { annotations, withoutEmpty } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { checksOutput, checksSummary, pullSummary, pullSummaryOutput, reviewDecision } from '../lib/pull-shape.js';
import { repoInput } from '../lib/repo-input.js';
import { contentGate } from '../lockdown.js';

export const getPullRequest = defineTool({
  name: 'github_get_pull_request',
  title: 'Get pull request',
  description: 'One PR with body, mergeability, size, review decision (latest review per reviewer) and a checks summary of its head commit.',
  toolset: 'pulls',
  input: () => z.object({ ...repoInput, pull_number: z.number().int().min(1) }),
  output: () =>
    pullSummaryOutput.extend({
      labels: z.array(z.string()).optional(),
      head_sha: z.string(),
      mergeable: z.boolean().optional().describe('Absent while GitHub computes it'),
      mergeable_state: z.string().optional(),
      commits: z.number(),
      additions: z.number(),
      deletions: z.number(),
      changed_files: z.number(),
      requested_reviewers: z.array(z.string()).optional(),
      review_decision: z.enum(['approved', 'changes_requested', 'review_required', 'none']),
      reviews: z.array(z.object({ user: z.string(), state: z.string(), submitted_at: z.string().optional() })).optional(),
      checks: checksOutput,
      merged_at: z.string().optional(),
      url: z.string(),
      body: z.string().optional(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const pull_number = input.pull_number;
    const [{ data: pull }, reviews, gate] = await Promise.all([
      rest.pulls.get({ owner, repo, pull_number }),
      rest.paginate(rest.pulls.listReviews, { owner, repo, pull_number, per_page: 100 }),
      contentGate(context, owner, repo),
    ]);
    const { data: checks } = await rest.checks.listForRef({ owner, repo, ref: pull.head.sha, per_page: 100 });
    const requested = (pull.requested_reviewers ?? []).map((user) => user.login);
    return withoutEmpty({
      ...pullSummary(pull),
      head_sha: pull.head.sha,
      mergeable: pull.mergeable,
      mergeable_state: pull.mergeable_state,
      commits: pull.commits,
      additions: pull.additions,
      deletions: pull.deletions,
      changed_files: pull.changed_files,
      requested_reviewers: requested,
      review_decision: reviewDecision(reviews, requested.length),
      reviews: reviews
        .filter((review) => review.user)
        .map((review) => ({ user: review.user!.login, state: review.state, ...(review.submitted_at ? { submitted_at: review.submitted_at } : {}) })),
      checks: checksSummary(checks.check_runs),
      merged_at: pull.merged_at,
      url: pull.html_url,
      body: (await gate.text(pull.body, pull.user?.login, `pull request #${pull.number} body`)) || undefined,
    });
  },
});

import { annotations, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { graphqlStrict } from '../lib/graphql-strict.js';
import { type Scope, scopeInput, scopeOf, sinceInput } from '../lib/insight-scope.js';
import { daysAgo } from '../lib/stats.js';

const ORG_REPOS = 25;
const SAMPLE = 100;

const HISTORY = `defaultBranchRef { target { ... on Commit { history(since: $since, first: ${SAMPLE}) { totalCount nodes { author { name user { login } } } } } } }`;
const count = (alias: string) => `${alias}: search(query: $${alias}, type: ISSUE, first: 1) { issueCount }`;
const query = (
  scope: Scope,
) => `query($since: GitTimestamp!, $prsOpened: String!, $prsMerged: String!, $issuesOpened: String!, $issuesClosed: String!, $reviewed: String!${scope.kind === 'repo' ? ', $owner: String!, $name: String!' : ', $org: String!'}) {
  ${['prsOpened', 'prsMerged', 'issuesOpened', 'issuesClosed'].map(count).join('\n  ')}
  reviewed: search(query: $reviewed, type: ISSUE, first: ${SAMPLE}) { issueCount nodes { ... on PullRequest { reviews(first: 100) { nodes { submittedAt author { login } } } } } }
  ${
    scope.kind === 'repo'
      ? `repository(owner: $owner, name: $name) { ${HISTORY} }`
      : `organization(login: $org) { repositories(first: ${ORG_REPOS}, orderBy: { field: PUSHED_AT, direction: DESC }) { totalCount nodes { pushedAt ${HISTORY} } } }`
  }
}`;

type History = { totalCount: number; nodes: Array<{ author: { name: string | null; user: { login: string } | null } | null }> };
type RepoNode = { pushedAt?: string | null; defaultBranchRef: { target: { history?: History } } | null };
interface Answer {
  prsOpened: { issueCount: number };
  prsMerged: { issueCount: number };
  issuesOpened: { issueCount: number };
  issuesClosed: { issueCount: number };
  reviewed: { issueCount: number; nodes: Array<{ reviews?: { nodes: Array<{ submittedAt: string | null; author: { login: string } | null }> } }> };
  repository?: RepoNode;
  organization?: { repositories: { totalCount: number; nodes: RepoNode[] } };
}

const contributorTable = tableOf(() => z.object({ login: z.string(), commits: z.number(), reviews: z.number() }));

export const getActivitySummary = defineTool({
  name: 'github_get_activity_summary',
  title: 'Activity summary',
  description:
    'Activity of a repository or organization since a date (default 7 days): commits on default branches, PRs opened and merged, reviews submitted, issues opened and closed, and top contributors (commits + reviews). One GraphQL query; notes say when counts are sampled.',
  toolset: 'insights',
  input: () => z.object({ ...scopeInput, since: sinceInput(7), top: z.number().int().min(1).max(20).default(5) }),
  output: () =>
    z.object({
      scope: z.string(),
      since: z.string(),
      commits: z.number(),
      prs_opened: z.number(),
      prs_merged: z.number(),
      reviews: z.number(),
      issues_opened: z.number(),
      issues_closed: z.number(),
      top_contributors: contributorTable.schema,
      notes: z.array(z.string()).optional(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const scope = scopeOf(context, input);
    const since = (input.since ?? daysAgo(7)).slice(0, 10);
    const q = (terms: string) => `${scope.qualifier} ${terms}`;
    const data = await graphqlStrict<Answer>(context, query(scope), {
      since: `${since}T00:00:00Z`,
      prsOpened: q(`is:pr created:>=${since}`),
      prsMerged: q(`is:pr merged:>=${since}`),
      issuesOpened: q(`is:issue created:>=${since}`),
      issuesClosed: q(`is:issue closed:>=${since}`),
      reviewed: q(`is:pr updated:>=${since} sort:updated-desc`),
      ...(scope.kind === 'repo' ? { owner: scope.owner, name: scope.repo } : { org: scope.org }),
    });

    const notes: string[] = [];
    const repos = scope.kind === 'repo' ? [data.repository!] : data.organization!.repositories.nodes;
    if (scope.kind === 'org') {
      const { totalCount } = data.organization!.repositories;
      const lastPushed = repos.at(-1)?.pushedAt;
      if (totalCount > repos.length && lastPushed && lastPushed >= since)
        notes.push(`commits counted in the ${repos.length} most recently pushed of ${totalCount} repositories`);
    }
    const contributors = new Map<string, { commits: number; reviews: number }>();
    const credit = (login: string, field: 'commits' | 'reviews') => {
      const entry = contributors.get(login) ?? { commits: 0, reviews: 0 };
      entry[field] += 1;
      contributors.set(login, entry);
    };
    let commits = 0;
    for (const repo of repos) {
      const history = repo.defaultBranchRef?.target.history;
      if (!history) continue;
      commits += history.totalCount;
      for (const node of history.nodes) credit(node.author?.user?.login ?? node.author?.name ?? 'unknown', 'commits');
      if (history.totalCount > history.nodes.length)
        notes.push(`contributors' commits sampled from the latest ${history.nodes.length} of ${history.totalCount} commits of a repository`);
    }
    let reviews = 0;
    for (const pull of data.reviewed.nodes) {
      for (const review of pull.reviews?.nodes ?? []) {
        if (!review.submittedAt || review.submittedAt.slice(0, 10) < since) continue;
        reviews += 1;
        credit(review.author?.login ?? 'ghost', 'reviews');
      }
    }
    if (data.reviewed.issueCount > data.reviewed.nodes.length)
      notes.push(`reviews counted on the ${data.reviewed.nodes.length} most recently updated of ${data.reviewed.issueCount} updated PRs`);

    return {
      scope: scope.kind === 'repo' ? `${scope.owner}/${scope.repo}` : `org ${scope.org}`,
      since,
      commits,
      prs_opened: data.prsOpened.issueCount,
      prs_merged: data.prsMerged.issueCount,
      reviews,
      issues_opened: data.issuesOpened.issueCount,
      issues_closed: data.issuesClosed.issueCount,
      top_contributors: contributorTable.of(
        [...contributors]
          .map(([login, counts]) => ({ login, ...counts }))
          .sort((a, b) => b.commits + b.reviews - (a.commits + a.reviews) || a.login.localeCompare(b.login))
          .slice(0, input.top),
      ),
      ...(notes.length ? { notes } : {}),
    };
  },
});

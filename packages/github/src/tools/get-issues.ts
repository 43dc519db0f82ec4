import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { graphqlPartial, repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { graphqlFailure } from '../lib/graphql-errors.js';
import { issueDetail, issueOutput, type RestIssue } from '../lib/issue-shape.js';
import { repoInput } from '../lib/repo-input.js';
import { contentGate } from '../lockdown.js';

interface GraphqlIssue {
  __typename: 'Issue' | 'PullRequest';
  number: number;
  title: string;
  body: string;
  /** Issues and pull requests have differently typed `state` fields, so the PR's is aliased. */
  state?: string;
  pullState?: string;
  stateReason?: string | null;
  url: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  author: { login: string } | null;
  labels: { nodes: Array<{ name: string }> } | null;
  assignees: { nodes: Array<{ login: string }> };
  milestone: { title: string } | null;
  comments: { totalCount: number };
}

const FIELDS =
  'number title body url createdAt updatedAt closedAt author { login } labels(first: 20) { nodes { name } } assignees(first: 10) { nodes { login } } milestone { title } comments { totalCount }';

/** One aliased field per number, so N issues cost one request. */
const query = (numbers: readonly number[]) =>
  `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${numbers
    .map(
      (number, index) =>
        `i${index}: issueOrPullRequest(number: ${number}) { __typename ...on Issue { ${FIELDS} state stateReason } ...on PullRequest { ${FIELDS} pullState: state } }`,
    )
    .join(' ')} } }`;

const asRest = (issue: GraphqlIssue): RestIssue => ({
  number: issue.number,
  title: issue.title,
  state: (issue.state ?? issue.pullState ?? 'unknown').toLowerCase(),
  state_reason: issue.stateReason?.toLowerCase() ?? null,
  user: issue.author,
  labels: issue.labels?.nodes ?? [],
  assignees: issue.assignees.nodes,
  milestone: issue.milestone,
  comments: issue.comments.totalCount,
  created_at: issue.createdAt,
  updated_at: issue.updatedAt,
  closed_at: issue.closedAt,
  html_url: issue.url,
  body: issue.body,
  ...(issue.__typename === 'PullRequest' ? { pull_request: true } : {}),
});

export const getIssues = defineTool({
  name: 'github_get_issues',
  title: 'Get several issues',
  description: 'Several issues or PRs of one repository in a single request; a number that fails is listed under errors.',
  toolset: 'issues',
  input: () => z.object({ ...repoInput, issue_numbers: z.array(z.number().int().min(1)).min(1).max(50) }),
  output: () =>
    z.object({
      issues: z.array(issueOutput),
      errors: z.array(z.object({ number: z.number(), error: z.string() })),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const numbers = [...new Set(input.issue_numbers)];
    const [{ data, errors }, gate] = await Promise.all([
      graphqlPartial<{ repository: Record<string, GraphqlIssue | null> | null }>(context, query(numbers), { owner, name: repo }),
      contentGate(context, owner, repo),
    ]);
    if (!data?.repository) throw graphqlFailure(errors, `${owner}/${repo}`);
    const repository = data.repository;
    const failures = numbers.flatMap((number, index) => {
      if (repository[`i${index}`]) return [];
      const error = errors.find((item) => item.path?.[1] === `i${index}`);
      return [{ number, error: error?.message ?? 'not found' }];
    });
    const found = numbers.map((_, index) => repository[`i${index}`]).filter((issue): issue is GraphqlIssue => Boolean(issue));
    return { issues: await Promise.all(found.map((issue) => issueDetail(asRest(issue), gate))), errors: failures };
  },
});

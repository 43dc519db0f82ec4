import { type ConnectionArgs, relayConnection } from '../fake/index.js';
import { GraphqlResolveError } from './descriptions.js';
import { insightsRootFields, repositoryInsightsFields } from './graphql-insights.js';
import { authorAssociation } from './shapes.js';
import type { FakeComment, FakeIssue, FakePull, FakeRepo, GitHubState } from './state.js';

/**
 * The fake's GraphQL data: plain objects; function-valued fields are called with the field's arguments
 * (graphql-js's default resolver), so connections honour first/last. Extend by adding fields.
 */

const actor = (login: string) => ({ __typename: login.endsWith('[bot]') ? 'Bot' : 'User', login, url: `https://github.com/${login}` });

function commentNode(repo: FakeRepo, comment: FakeComment) {
  return {
    id: String(comment.id),
    body: comment.body,
    createdAt: comment.created_at,
    author: actor(comment.user),
    authorAssociation: authorAssociation(repo, comment.user),
  };
}

function issueLike(repo: FakeRepo, item: FakeIssue | FakePull) {
  const milestone = repo.milestones.find((candidate) => candidate.number === item.milestone);
  return {
    id: String(item.id),
    number: item.number,
    title: item.title,
    body: item.body ?? '',
    url: `https://github.com/${repo.owner}/${repo.name}/${'head' in item ? 'pull' : 'issues'}/${item.number}`,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    closedAt: item.closed_at,
    locked: item.locked,
    author: actor(item.user),
    authorAssociation: authorAssociation(repo, item.user),
    labels: (args: ConnectionArgs) =>
      relayConnection(item.labels, args, (name) => ({ name, color: repo.labels.find((label) => label.name === name)?.color ?? 'ededed' })),
    assignees: (args: ConnectionArgs) => relayConnection(item.assignees, args, (login) => ({ login })),
    milestone: milestone ? { title: milestone.title, number: milestone.number, state: milestone.state.toUpperCase() } : null,
    comments: (args: ConnectionArgs) => relayConnection(item.comments, args, (comment) => commentNode(repo, comment)),
  };
}

function repositoryNode(state: GitHubState, repo: FakeRepo) {
  const node = {
    id: String(repo.id),
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    isPrivate: repo.private,
    owner: actor(repo.owner),
    issue: ({ number }: { number: number }) => {
      const issue = repo.issues.find((candidate) => candidate.number === number);
      if (!issue) throw new GraphqlResolveError('NOT_FOUND', `Could not resolve to an Issue with the number of ${number}.`);
      return { __typename: 'Issue', ...issueLike(repo, issue), state: issue.state.toUpperCase(), stateReason: issue.state_reason?.toUpperCase() ?? null };
    },
    issueOrPullRequest: ({ number }: { number: number }) => {
      const found = repo.issues.some((candidate) => candidate.number === number)
        ? node.issue({ number })
        : repo.pulls.some((candidate) => candidate.number === number)
          ? node.pullRequest({ number })
          : undefined;
      if (!found) throw new GraphqlResolveError('NOT_FOUND', `Could not resolve to an issue or pull request with the number of ${number}.`);
      return found;
    },
    pullRequest: ({ number }: { number: number }) => {
      const pull = repo.pulls.find((candidate) => candidate.number === number);
      if (!pull) throw new GraphqlResolveError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${number}.`);
      const decisive = pull.reviews.filter((review) => review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED').at(-1);
      return {
        __typename: 'PullRequest',
        ...issueLike(repo, pull),
        state: pull.merged_at ? 'MERGED' : pull.state.toUpperCase(),
        isDraft: pull.draft,
        merged: pull.merged_at !== null,
        mergedAt: pull.merged_at,
        headRefName: pull.head.ref,
        baseRefName: pull.base.ref,
        reviewDecision: decisive ? decisive.state : pull.requested_reviewers.length ? 'REVIEW_REQUIRED' : null,
      };
    },
    viewerPermission: (repo.collaborators[state.viewer] ?? 'read').toUpperCase(),
    ...repositoryInsightsFields(state, repo),
  };
  return node;
}

export function graphqlRoot(state: GitHubState): Record<string, unknown> {
  return {
    ...insightsRootFields(state),
    viewer: () => ({ login: state.viewer, name: state.users[state.viewer]?.name ?? null }),
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = state.repo(owner, name);
      if (!repo || (repo.private && !repo.collaborators[state.viewer])) {
        throw new GraphqlResolveError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      }
      return repositoryNode(state, repo);
    },
  };
}

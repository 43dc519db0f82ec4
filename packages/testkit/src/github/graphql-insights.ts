import { type ConnectionArgs, relayConnection } from '../fake/index.js';
import { GraphqlResolveError } from './descriptions.js';
import { history } from './git-store.js';
import type { FakeIssue, FakePull, FakeRepo, GitHubState } from './state.js';

/**
 * GraphQL fields the insights toolset reads: `search` (issues and PRs with GitHub's search qualifiers,
 * cursor-paginated), `organization { repositories }` and, on a repository, `pushedAt` and the default
 * branch's commit `history(since:)`.
 */

const user = (login: string) => ({ __typename: 'User', login, url: `https://github.com/${login}` });
const visible = (state: GitHubState, repo: FakeRepo) => !repo.private || Boolean(repo.collaborators[state.viewer]);

/** Date qualifiers such as created:>=2025-01-31 (also >, <, <=, = and a..b ranges), compared by day. */
function dateMatches(value: string | null, condition: string): boolean {
  if (!value) return false;
  const day = value.slice(0, 10);
  const range = /^(\S+)\.\.(\S+)$/.exec(condition);
  if (range) return day >= range[1]! && day <= range[2]!;
  const [, op = '', date = ''] = /^(>=|<=|>|<)?(.+)$/.exec(condition) ?? [];
  const target = date.slice(0, 10);
  return op === '>=' ? day >= target : op === '>' ? day > target : op === '<=' ? day <= target : op === '<' ? day < target : day === target;
}

type Item = { repo: FakeRepo; item: FakeIssue | FakePull };
const isPull = (item: FakeIssue | FakePull): item is FakePull => 'head' in item;

function searchIssues(state: GitHubState, query: string): Item[] {
  const all = state.repos.filter((repo) => visible(state, repo)).flatMap((repo) => [...repo.issues, ...repo.pulls].map((item) => ({ repo, item })));
  const terms: string[] = [];
  let matches = all;
  let order: { key: 'created_at' | 'updated_at'; direction: 'asc' | 'desc' } = { key: 'created_at', direction: 'desc' };
  for (const token of query.match(/"[^"]*"|\S+/g) ?? []) {
    const [, key, value = ''] = /^(\w+):(.+)$/.exec(token) ?? [];
    const keep = (test: (entry: Item) => boolean) => {
      matches = matches.filter(test);
    };
    if (!key) terms.push(token.replace(/^"|"$/g, '').toLowerCase());
    else if (key === 'repo') keep(({ repo }) => `${repo.owner}/${repo.name}`.toLowerCase() === value.toLowerCase());
    else if (key === 'org' || key === 'user') keep(({ repo }) => repo.owner.toLowerCase() === value.toLowerCase());
    else if (key === 'author') keep(({ item }) => item.user === value);
    else if ((key === 'is' || key === 'type') && ['pr', 'issue'].includes(value)) keep(({ item }) => isPull(item) === (value === 'pr'));
    else if (key === 'is' && value === 'merged') keep(({ item }) => isPull(item) && item.merged_at !== null);
    else if ((key === 'is' || key === 'state') && ['open', 'closed'].includes(value)) keep(({ item }) => item.state === value);
    else if (key === 'created') keep(({ item }) => dateMatches(item.created_at, value));
    else if (key === 'updated') keep(({ item }) => dateMatches(item.updated_at, value));
    else if (key === 'closed') keep(({ item }) => dateMatches(item.closed_at, value));
    else if (key === 'merged') keep(({ item }) => isPull(item) && dateMatches(item.merged_at, value));
    else if (key === 'sort' && /^(created|updated)(-(asc|desc))?$/.test(value)) {
      const [field, direction = 'desc'] = value.split('-') as ['created' | 'updated', 'asc' | 'desc' | undefined];
      order = { key: field === 'created' ? 'created_at' : 'updated_at', direction: direction ?? 'desc' };
    } else throw new GraphqlResolveError('UNPROCESSABLE', `the fake does not support the search qualifier ${key}:`);
  }
  return matches
    .filter(({ item }) => terms.every((term) => `${item.title}\n${item.body ?? ''}`.toLowerCase().includes(term)))
    .sort((a, b) => (order.direction === 'desc' ? -1 : 1) * a.item[order.key].localeCompare(b.item[order.key]));
}

function searchNode({ repo, item }: Item) {
  const common = {
    number: item.number,
    title: item.title,
    url: `https://github.com/${repo.owner}/${repo.name}/${isPull(item) ? 'pull' : 'issues'}/${item.number}`,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    closedAt: item.closed_at,
    author: user(item.user),
    repository: { nameWithOwner: `${repo.owner}/${repo.name}` },
  };
  if (!isPull(item)) return { __typename: 'Issue', ...common, state: item.state.toUpperCase() };
  return {
    __typename: 'PullRequest',
    ...common,
    state: item.merged_at ? 'MERGED' : item.state.toUpperCase(),
    mergedAt: item.merged_at,
    isDraft: item.draft,
    reviews: (args: ConnectionArgs) =>
      relayConnection(item.reviews, args, (review) => ({
        state: review.state,
        submittedAt: review.state === 'PENDING' ? null : review.submitted_at,
        author: user(review.user),
      })),
  };
}

/** Fields added to the fake's repository node. */
export function repositoryInsightsFields(state: GitHubState, repo: FakeRepo) {
  const head = repo.branches.find((branch) => branch.name === repo.default_branch);
  return {
    pushedAt: repo.pushed_at,
    defaultBranchRef: head
      ? {
          name: head.name,
          target: {
            __typename: 'Commit',
            oid: head.sha,
            history: (args: ConnectionArgs & { since?: string; until?: string }) =>
              relayConnection(
                history(repo, head.sha).filter((commit) => (!args.since || commit.date >= args.since) && (!args.until || commit.date <= args.until)),
                args,
                (commit) => ({
                  oid: commit.sha,
                  committedDate: commit.date,
                  author: {
                    name: state.users[commit.author]?.name ?? commit.author,
                    email: state.users[commit.author]?.email ?? null,
                    user: state.users[commit.author] ? user(commit.author) : null,
                  },
                }),
              ),
          },
        }
      : null,
  };
}

/** Fields added to the fake's query root. */
export function insightsRootFields(state: GitHubState) {
  return {
    search: (args: ConnectionArgs & { query: string; type: string }) => {
      if (args.type !== 'ISSUE') throw new GraphqlResolveError('UNPROCESSABLE', `the fake only searches type ISSUE, not ${args.type}`);
      const { totalCount, ...page } = relayConnection(searchIssues(state, args.query), args, searchNode, 10);
      return { issueCount: totalCount, ...page };
    },
    organization: ({ login }: { login: string }) => {
      const org = state.users[login];
      if (org?.type !== 'Organization') throw new GraphqlResolveError('NOT_FOUND', `Could not resolve to an Organization with the login of '${login}'.`);
      return {
        login,
        name: org.name,
        repositories: (args: ConnectionArgs & { orderBy?: { field: string; direction: string } }) => {
          const repos = state.repos.filter((repo) => repo.owner === login && visible(state, repo));
          const key = args.orderBy?.field === 'PUSHED_AT' ? 'pushed_at' : args.orderBy?.field === 'CREATED_AT' ? 'created_at' : undefined;
          const sorted = key ? [...repos].sort((a, b) => a[key].localeCompare(b[key])) : [...repos].sort((a, b) => a.name.localeCompare(b.name));
          if (key && args.orderBy?.direction !== 'ASC') sorted.reverse();
          return relayConnection(sorted, args, (repo) => ({
            nameWithOwner: `${repo.owner}/${repo.name}`,
            name: repo.name,
            ...repositoryInsightsFields(state, repo),
          }));
        },
      };
    },
  };
}

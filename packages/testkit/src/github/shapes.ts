import type {
  FakeCheckRun,
  FakeComment,
  FakeIssue,
  FakeLabel,
  FakeMilestone,
  FakePull,
  FakeRepo,
  FakeReview,
  FakeUser,
  GitHubState,
  Permission,
} from './state.js';
import { world } from './world.js';

/**
 * Builders turning the fake's state into GitHub's documented REST shapes (the OpenAPI response schemas
 * require every field listed, so the builders fill them all, links included).
 */

const WEB = 'https://github.com';
const nodeId = (kind: string, id: number) => Buffer.from(`${kind}:${id}`).toString('base64');
const api = () => world().url;

export function userJson(login: string): Record<string, unknown> {
  const user: FakeUser = world().state.users[login] ?? { login, id: 1, name: null, type: 'User', email: null, created_at: '2020-01-01T00:00:00Z' };
  const base = `${api()}/users/${login}`;
  return {
    login,
    id: user.id,
    node_id: nodeId('User', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}`,
    gravatar_id: '',
    url: base,
    html_url: `${WEB}/${login}`,
    followers_url: `${base}/followers`,
    following_url: `${base}/following{/other_user}`,
    gists_url: `${base}/gists{/gist_id}`,
    starred_url: `${base}/starred{/owner}{/repo}`,
    subscriptions_url: `${base}/subscriptions`,
    organizations_url: `${base}/orgs`,
    repos_url: `${base}/repos`,
    events_url: `${base}/events{/privacy}`,
    received_events_url: `${base}/received_events`,
    type: user.type,
    site_admin: false,
  };
}

/** GET /user (private-user) for the viewer. */
export function privateUserJson(state: GitHubState): Record<string, unknown> {
  const user = state.users[state.viewer]!;
  const owned = state.repos.filter((repo) => repo.owner === user.login);
  return {
    ...userJson(user.login),
    name: user.name,
    company: null,
    blog: '',
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: owned.filter((repo) => !repo.private).length,
    public_gists: 0,
    followers: 3,
    following: 1,
    created_at: user.created_at,
    updated_at: user.created_at,
    private_gists: 0,
    total_private_repos: owned.filter((repo) => repo.private).length,
    owned_private_repos: owned.filter((repo) => repo.private).length,
    disk_usage: 100,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

export function repoJson(repo: FakeRepo): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  const base = `${api()}/repos/${full}`;
  const urls = Object.fromEntries(
    (
      [
        ['archive_url', '/{archive_format}{/ref}'],
        ['assignees_url', '/assignees{/user}'],
        ['blobs_url', '/git/blobs{/sha}'],
        ['branches_url', '/branches{/branch}'],
        ['collaborators_url', '/collaborators{/collaborator}'],
        ['comments_url', '/comments{/number}'],
        ['commits_url', '/commits{/sha}'],
        ['compare_url', '/compare/{base}...{head}'],
        ['contents_url', '/contents/{+path}'],
        ['contributors_url', '/contributors'],
        ['deployments_url', '/deployments'],
        ['downloads_url', '/downloads'],
        ['events_url', '/events'],
        ['forks_url', '/forks'],
        ['git_commits_url', '/git/commits{/sha}'],
        ['git_refs_url', '/git/refs{/sha}'],
        ['git_tags_url', '/git/tags{/sha}'],
        ['hooks_url', '/hooks'],
        ['issue_comment_url', '/issues/comments{/number}'],
        ['issue_events_url', '/issues/events{/number}'],
        ['issues_url', '/issues{/number}'],
        ['keys_url', '/keys{/key_id}'],
        ['labels_url', '/labels{/name}'],
        ['languages_url', '/languages'],
        ['merges_url', '/merges'],
        ['milestones_url', '/milestones{/number}'],
        ['notifications_url', '/notifications{?since,all,participating}'],
        ['pulls_url', '/pulls{/number}'],
        ['releases_url', '/releases{/id}'],
        ['stargazers_url', '/stargazers'],
        ['statuses_url', '/statuses/{sha}'],
        ['subscribers_url', '/subscribers'],
        ['subscription_url', '/subscription'],
        ['tags_url', '/tags'],
        ['teams_url', '/teams'],
        ['trees_url', '/git/trees{/sha}'],
      ] as const
    ).map(([key, suffix]) => [key, `${base}${suffix}`]),
  );
  const openIssues = repo.issues.filter((issue) => issue.state === 'open').length + repo.pulls.filter((pull) => pull.state === 'open').length;
  const permission = repo.collaborators[world().state.viewer] ?? 'none';
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: full,
    owner: userJson(repo.owner),
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    html_url: `${WEB}/${full}`,
    description: repo.description,
    fork: false,
    url: base,
    ...urls,
    clone_url: `${WEB}/${full}.git`,
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    svn_url: `${WEB}/${full}`,
    mirror_url: null,
    homepage: null,
    language: 'JavaScript',
    forks: 0,
    forks_count: 0,
    stargazers_count: 7,
    watchers: 7,
    watchers_count: 7,
    size: 120,
    default_branch: repo.default_branch,
    open_issues: openIssues,
    open_issues_count: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: repo.pushed_at,
    created_at: repo.created_at,
    updated_at: repo.pushed_at,
    permissions: {
      admin: permission === 'admin',
      maintain: ['admin', 'maintain'].includes(permission),
      push: hasPush(permission),
      triage: ['admin', 'maintain', 'write', 'triage'].includes(permission),
      pull: permission !== 'none' || !repo.private,
    },
  };
}

/** GET /repos/{owner}/{repo} (full-repository). */
export function fullRepoJson(repo: FakeRepo): Record<string, unknown> {
  return { ...repoJson(repo), network_count: 0, subscribers_count: 2 };
}

export const hasPush = (permission: Permission | undefined): boolean => permission === 'admin' || permission === 'maintain' || permission === 'write';

export function labelJson(repo: FakeRepo, label: FakeLabel): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${api()}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  };
}

export function milestoneJson(repo: FakeRepo, milestone: FakeMilestone): Record<string, unknown> {
  const url = `${api()}/repos/${repo.owner}/${repo.name}/milestones/${milestone.number}`;
  const inMilestone = [...repo.issues, ...repo.pulls].filter((item) => item.milestone === milestone.number);
  return {
    url,
    html_url: `${WEB}/${repo.owner}/${repo.name}/milestone/${milestone.number}`,
    labels_url: `${url}/labels`,
    id: milestone.id,
    node_id: nodeId('Milestone', milestone.id),
    number: milestone.number,
    title: milestone.title,
    description: milestone.description,
    creator: userJson(milestone.creator),
    open_issues: inMilestone.filter((item) => item.state === 'open').length,
    closed_issues: inMilestone.filter((item) => item.state === 'closed').length,
    state: milestone.state,
    created_at: milestone.created_at,
    updated_at: milestone.created_at,
    due_on: milestone.due_on,
    closed_at: null,
  };
}

/** How GitHub relates an author to a repository. */
export function authorAssociation(repo: FakeRepo, login: string): string {
  if (login === repo.owner) return 'OWNER';
  const permission = repo.collaborators[login];
  if (permission && permission !== 'none') return 'COLLABORATOR';
  const contributed = repo.commits.some((commit) => commit.author === login);
  return contributed ? 'CONTRIBUTOR' : 'NONE';
}

const isPull = (item: FakeIssue | FakePull): item is FakePull => 'head' in item;

/** An issue (or a pull request seen through the issues API, with its pull_request link). */
export function issueJson(repo: FakeRepo, item: FakeIssue | FakePull): Record<string, unknown> {
  const base = `${api()}/repos/${repo.owner}/${repo.name}`;
  const url = `${base}/issues/${item.number}`;
  const label = (name: string) => repo.labels.find((candidate) => candidate.name === name) ?? { id: 0, name, color: 'ededed', description: null };
  const milestone = repo.milestones.find((candidate) => candidate.number === item.milestone);
  return {
    id: item.id,
    node_id: nodeId(isPull(item) ? 'PullRequest' : 'Issue', item.id),
    url,
    repository_url: base,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${WEB}/${repo.owner}/${repo.name}/${isPull(item) ? 'pull' : 'issues'}/${item.number}`,
    number: item.number,
    state: item.state,
    state_reason: isPull(item) ? null : item.state_reason,
    title: item.title,
    body: item.body,
    user: userJson(item.user),
    labels: item.labels.map((name) => labelJson(repo, label(name))),
    assignee: item.assignees[0] ? userJson(item.assignees[0]) : null,
    assignees: item.assignees.map(userJson),
    milestone: milestone ? milestoneJson(repo, milestone) : null,
    locked: item.locked,
    active_lock_reason: null,
    comments: item.comments.length,
    closed_at: item.closed_at,
    created_at: item.created_at,
    updated_at: item.updated_at,
    author_association: authorAssociation(repo, item.user),
    ...(isPull(item)
      ? {
          draft: item.draft,
          pull_request: {
            url: `${base}/pulls/${item.number}`,
            html_url: `${WEB}/${repo.owner}/${repo.name}/pull/${item.number}`,
            diff_url: `${WEB}/${repo.owner}/${repo.name}/pull/${item.number}.diff`,
            patch_url: `${WEB}/${repo.owner}/${repo.name}/pull/${item.number}.patch`,
            merged_at: item.merged_at,
          },
        }
      : {}),
  };
}

export function commentJson(repo: FakeRepo, issueNumber: number, comment: FakeComment): Record<string, unknown> {
  const base = `${api()}/repos/${repo.owner}/${repo.name}`;
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${base}/issues/comments/${comment.id}`,
    html_url: `${WEB}/${repo.owner}/${repo.name}/issues/${issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${base}/issues/${issueNumber}`,
    body: comment.body,
    user: userJson(comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: authorAssociation(repo, comment.user),
  };
}

/** A pull request: `full` adds the fields only GET /pulls/{n} returns (pull-request vs pull-request-simple). */
export function pullJson(repo: FakeRepo, pull: FakePull, full: boolean): Record<string, unknown> {
  const base = `${api()}/repos/${repo.owner}/${repo.name}`;
  const url = `${base}/pulls/${pull.number}`;
  const html = `${WEB}/${repo.owner}/${repo.name}/pull/${pull.number}`;
  const issue = issueJson(repo, pull);
  const branch = (side: { ref: string; sha: string }) => ({
    label: `${repo.owner}:${side.ref}`,
    ref: side.ref,
    sha: side.sha,
    user: userJson(repo.owner),
    repo: repoJson(repo),
  });
  const additions = pull.files.reduce((sum, file) => sum + file.additions, 0);
  const deletions = pull.files.reduce((sum, file) => sum + file.deletions, 0);
  const merged = pull.merged_at !== null;
  return {
    url,
    id: pull.id,
    node_id: issue.node_id,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${base}/issues/${pull.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${base}/pulls/comments{/number}`,
    comments_url: `${base}/issues/${pull.number}/comments`,
    statuses_url: `${base}/statuses/${pull.head.sha}`,
    number: pull.number,
    state: pull.state,
    locked: pull.locked,
    title: pull.title,
    user: issue.user,
    body: pull.body,
    labels: issue.labels,
    milestone: issue.milestone,
    active_lock_reason: null,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.closed_at,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    assignee: issue.assignee,
    assignees: issue.assignees,
    requested_reviewers: pull.requested_reviewers.map(userJson),
    requested_teams: [],
    head: branch(pull.head),
    base: branch(pull.base),
    _links: Object.fromEntries(
      (
        [
          ['self', url],
          ['html', html],
          ['issue', `${base}/issues/${pull.number}`],
          ['comments', `${base}/issues/${pull.number}/comments`],
          ['review_comments', `${url}/comments`],
          ['review_comment', `${base}/pulls/comments{/number}`],
          ['commits', `${url}/commits`],
          ['statuses', `${base}/statuses/${pull.head.sha}`],
        ] as const
      ).map(([key, href]) => [key, { href }]),
    ),
    author_association: issue.author_association,
    auto_merge: null,
    draft: pull.draft,
    ...(full
      ? {
          merged,
          mergeable: pull.mergeable,
          rebaseable: pull.mergeable,
          mergeable_state: merged ? 'unknown' : pull.mergeable ? 'clean' : 'dirty',
          merged_by: pull.merged_by ? userJson(pull.merged_by) : null,
          comments: pull.comments.length,
          review_comments: pull.reviews.reduce((sum, review) => sum + review.comments.length, 0),
          maintainer_can_modify: false,
          commits: pull.commits,
          additions,
          deletions,
          changed_files: pull.files.length,
        }
      : {}),
  };
}

export function reviewJson(repo: FakeRepo, pull: FakePull, review: FakeReview): Record<string, unknown> {
  const html = `${WEB}/${repo.owner}/${repo.name}/pull/${pull.number}#pullrequestreview-${review.id}`;
  const pullUrl = `${api()}/repos/${repo.owner}/${repo.name}/pulls/${pull.number}`;
  return {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: userJson(review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    ...(review.state === 'PENDING' ? {} : { submitted_at: review.submitted_at }),
    commit_id: review.commit_id,
    author_association: authorAssociation(repo, review.user),
  };
}

export function checkRunJson(repo: FakeRepo, run: FakeCheckRun): Record<string, unknown> {
  const url = `${api()}/repos/${repo.owner}/${repo.name}/check-runs/${run.id}`;
  return {
    id: run.id,
    node_id: nodeId('CheckRun', run.id),
    head_sha: run.head_sha,
    external_id: String(run.id),
    name: run.name,
    url,
    html_url: `${WEB}/${repo.owner}/${repo.name}/runs/${run.id}`,
    details_url: `${WEB}/${repo.owner}/${repo.name}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: {
      title: run.conclusion ? `${run.name}: ${run.conclusion}` : null,
      summary: null,
      text: null,
      annotations_count: 0,
      annotations_url: `${url}/annotations`,
    },
    check_suite: { id: run.id + 1 },
    app: null,
    pull_requests: [],
  };
}

import { records } from '@toolbridge/core';
import { createGitHubState, sha } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, REPO, type Session } from './support/session.js';

/*
 * Expectations are computed by hand from the seeded world (packages/testkit/src/github/state.ts), with
 * dates relative to the fake's start. Over the last 30 days octo-org/hello-world has:
 * - commits on main: "Fix typo" (drive-by-dan, 2 d), "Release v1.0.0" (octocat, 14 d), "Add config loader" (maintainer-mia, 20 d)
 * - PRs: #4 opened 3 d ago, reviews COMMENTED by triager-tom at 2 d 5 h, APPROVED by octocat at 2 d;
 *        #6 opened 2 d ago, CHANGES_REQUESTED by maintainer-mia at 1 d;
 *        #13 opened 15 d ago, APPROVED by maintainer-mia at 14 d 3 h, merged at 14 d
 * - issues opened: #1 (10 d), #2 (7 d), #3 (6 d), #5 (3 d); closed: #3 (2 d); #7-#12 are older than 30 days
 * octo-org/secret-plans (private, visible to the viewer) adds one commit by octocat and one issue, both 5 d ago.
 */

let session: Session;
const DAY = 86_400_000;
const dateDaysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);
beforeAll(async () => {
  // Read-only: no scope probe runs in the background while requests are counted.
  session = await openSession({ args: ['--toolsets', 'all', '--read-only'] });
});
afterAll(async () => {
  await session?.close();
});

describe('github_get_activity_summary', () => {
  it('summarizes a repository in one GraphQL request', async () => {
    const before = session.fake.requests.length;
    const summary = await session.ok('github_get_activity_summary', { ...REPO, since: dateDaysAgo(30) });
    expect(summary).toEqual({
      scope: 'octo-org/hello-world',
      since: dateDaysAgo(30),
      commits: 3,
      prs_opened: 3,
      prs_merged: 1,
      reviews: 4,
      issues_opened: 4,
      issues_closed: 1,
      top_contributors: {
        columns: ['login', 'commits', 'reviews'],
        rows: [
          ['maintainer-mia', 1, 2],
          ['octocat', 1, 1],
          ['drive-by-dan', 1, 0],
          ['triager-tom', 0, 1],
        ],
      },
    });
    // GET /user is the server's own background scope probe, which may reach the fake meanwhile.
    const sent = session.fake.requests.slice(before).filter((request) => request.path !== '/user');
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /graphql']);
    expect(session.fake.problems).toEqual([]);
  });

  it('narrows with since and top', async () => {
    const summary = await session.ok('github_get_activity_summary', { ...REPO, since: dateDaysAgo(4), top: 2 });
    expect(summary).toMatchObject({ commits: 1, prs_opened: 2, prs_merged: 0, reviews: 3, issues_opened: 1, issues_closed: 1 });
    expect(records(summary.top_contributors)).toEqual([
      { login: 'drive-by-dan', commits: 1, reviews: 0 },
      { login: 'maintainer-mia', commits: 0, reviews: 1 },
    ]);
    expect(session.fake.problems).toEqual([]);
  });

  it('summarizes an organization across its visible repositories', async () => {
    const summary = await session.ok('github_get_activity_summary', { org: 'octo-org', since: dateDaysAgo(30) });
    expect(summary).toMatchObject({ scope: 'org octo-org', commits: 4, prs_opened: 3, prs_merged: 1, reviews: 4, issues_opened: 5, issues_closed: 1 });
    expect(records(summary.top_contributors).slice(0, 2)).toEqual([
      { login: 'maintainer-mia', commits: 1, reviews: 2 },
      { login: 'octocat', commits: 2, reviews: 1 },
    ]);
    const unknown = await session.server.call('github_get_activity_summary', { org: 'no-such-org' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/Could not resolve to an Organization/);
    expect(session.fake.problems).toEqual([]);
  });
});

describe('github_get_review_metrics', () => {
  it('computes medians, approval rate and review rounds from the seeded reviews', async () => {
    const metrics = await session.ok('github_get_review_metrics', { ...REPO, since: dateDaysAgo(30) });
    // First review after: #4 19 h, #6 24 h, #13 21 h → median 21 h. Merge: #13 24 h.
    // Approved: #4 and #13 of 3 reviewed → 0.67. Rounds: #4 1, #6 2, #13 1 → mean 1.33.
    expect(metrics).toEqual({
      since: dateDaysAgo(30),
      prs_in_window: 3,
      prs_analyzed: 3,
      merged: 1,
      reviewed: 3,
      median_hours_to_first_review: 21,
      median_hours_to_merge: 24,
      approval_rate: 0.67,
      mean_review_rounds: 1.33,
    });
    expect(session.fake.problems).toEqual([]);
  });

  it('pages through the search with cursors and reports an empty window', async () => {
    const empty = await session.ok('github_get_review_metrics', { ...REPO, since: dateDaysAgo(-1) });
    expect(empty).toEqual({ since: dateDaysAgo(-1), prs_in_window: 0, prs_analyzed: 0, merged: 0, reviewed: 0 });
  });
});

describe('github_get_deployment_frequency', () => {
  it('counts deployments per environment in rolling weeks', async () => {
    // production at 1, 8, 9 and 16 days ago; staging at 1, 2 and 3 days ago.
    const frequency = await session.ok('github_get_deployment_frequency', { ...REPO, weeks: 4 });
    expect(records(frequency.environments)).toEqual([
      { environment: 'production', total: 4, per_week: 1, weekly: [1, 2, 1, 0] },
      { environment: 'staging', total: 3, per_week: 0.75, weekly: [3, 0, 0, 0] },
    ]);
    expect(frequency).toMatchObject({ deployments_counted: 7, capped: false });
    const production = await session.ok('github_get_deployment_frequency', { ...REPO, environment: 'production', weeks: 2 });
    expect(records(production.environments)).toEqual([{ environment: 'production', total: 3, per_week: 1.5, weekly: [1, 2] }]);
    expect(session.fake.problems).toEqual([]);
  });
});

describe('insights over many records', () => {
  let big: Session;
  beforeAll(async () => {
    const state = createGitHubState();
    const repo = state.repo('octo-org', 'hello-world')!;
    const now = Date.now();
    for (let index = 0; index < 1_150; index++) {
      repo.deployments.push({
        id: state.nextId(),
        sha: sha(`d${index}`),
        ref: 'main',
        environment: 'canary',
        creator: 'octocat',
        created_at: new Date(now - (index + 1) * 60_000).toISOString(),
        statuses: [],
      });
    }
    for (let index = 0; index < 210; index++) {
      const head = sha(`big-pr-${index}`);
      const created = new Date(now - 3 * DAY).toISOString();
      repo.pulls.push({
        ...repo.pulls[0]!,
        id: state.nextId(),
        number: 100 + index,
        user: 'drive-by-dan',
        created_at: created,
        updated_at: created,
        head: { ref: `big-${index}`, sha: head },
        reviews: [
          {
            id: state.nextId(),
            user: 'octocat',
            state: 'APPROVED',
            body: '',
            commit_id: head,
            submitted_at: new Date(now - 2 * DAY).toISOString(),
            comments: [],
          },
        ],
      });
    }
    big = await openSession({ state });
  });
  afterAll(async () => {
    await big?.close();
  });

  it('stops deployments at 10 pages and says so', async () => {
    const frequency = await big.ok('github_get_deployment_frequency', { ...REPO, environment: 'canary', weeks: 1 });
    expect(frequency).toMatchObject({ deployments_counted: 1_000, capped: true });
    expect(big.fake.requests.filter((request) => request.path.endsWith('/deployments'))).toHaveLength(10);
    expect(big.fake.problems).toEqual([]);
  });

  it('pages review metrics with GraphQL cursors up to 200 PRs and notes what was sampled', async () => {
    const metrics = await big.ok('github_get_review_metrics', { ...REPO, since: dateDaysAgo(30) });
    // 213 PRs in the window; 4 pages of 50 are read and the rest is said to be left out.
    expect(metrics).toMatchObject({
      prs_in_window: 213,
      prs_analyzed: 200,
      reviewed: 200,
      approval_rate: 1,
      note: 'sampled: the 200 most recently created of 213 PRs',
    });
    expect(big.fake.requests.filter((request) => request.path === '/graphql')).toHaveLength(4);
    const summary = await big.ok('github_get_activity_summary', { ...REPO, since: dateDaysAgo(30) });
    expect(summary.prs_opened).toBe(213);
    expect(summary.notes).toEqual(['reviews counted on the 100 most recently updated of 213 updated PRs']);
    expect(big.fake.problems).toEqual([]);
  });
});

import { records } from '@toolbridge/core';
import { HIDDEN_COMMENT, INJECTION_TEXT } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, REPO, type Session } from './support/session.js';

let session: Session;
beforeAll(async () => {
  session = await openSession({ args: [] });
});
afterAll(async () => {
  await session?.close();
});

const graphqlRequests = () => session.fake.requests.filter((request) => request.path === '/graphql');
// The issue endpoints only: the server's own background work (the token's scope probe) may reach the fake meanwhile.
const issueRequests = () => session.fake.requests.filter((request) => request.path.startsWith('/repos/octo-org/hello-world/issues')).length;

describe('github_get_issue', () => {
  it('returns the compact issue with its body fenced and hidden text removed', async () => {
    const issue = await session.ok('github_get_issue', { ...REPO, issue_number: 2 });
    expect(issue).toMatchObject({
      number: 2,
      title: 'Add dark mode',
      state: 'open',
      author: 'drive-by-dan',
      labels: ['enhancement'],
      comments: 0,
      url: 'https://github.com/octo-org/hello-world/issues/2',
    });
    expect(issue).not.toHaveProperty('assignees'); // none: left out, not []
    expect(issue.body).toMatch(/^<untrusted-content source="issue #2 body by @drive-by-dan">\nDark mode please!\n\n<\/untrusted-content>$/);
    expect(issue.body).not.toContain('AI assistant');
    expect(issue.body).not.toMatch(/[\u{E0000}-\u{E007F}]/u);
    expect(Object.keys(issue)).not.toContain('node_id');
    expect(session.fake.problems).toEqual([]);
  });

  it('says what was wrong for a missing issue', async () => {
    const result = await session.server.call('github_get_issue', { ...REPO, issue_number: 999 });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/GitHub returned 404: not found/);
  });

  it('refuses arguments of the wrong type before any request', async () => {
    const before = issueRequests();
    const result = await session.server.call('github_get_issue', { ...REPO, issue_number: 'two' });
    expect(result).toMatchObject({ isError: true, text: expect.stringMatching(/issue_number/) });
    expect(issueRequests()).toBe(before);
  });
});

describe('github_list_issues', () => {
  it('pages with per_page and next_cursor until the end, never cutting silently', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await session.ok('github_list_issues', {
        ...REPO,
        state: 'all',
        sort: 'created',
        direction: 'asc',
        per_page: 4,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...records(page.issues).map((issue: { number: number }) => issue.number));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    // Issues only: the pull requests (#4, #6, #13) that GitHub's issues API also returns are left out.
    const expected = session.fake.state.repo('octo-org', 'hello-world')!.issues.map((issue) => issue.number);
    expect(seen.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(pages).toBe(4);
    expect(session.fake.problems).toEqual([]);
  });

  it('filters by labels, state, assignee and since', async () => {
    const bugs = await session.ok('github_list_issues', { ...REPO, labels: ['bug'], per_page: 100 });
    expect(records(bugs.issues).every((issue: { labels: string[] }) => issue.labels.includes('bug'))).toBe(true);
    expect(bugs.next_cursor).toBeUndefined();
    const closed = await session.ok('github_list_issues', { ...REPO, state: 'closed' });
    expect(records(closed.issues).map((issue: { number: number }) => issue.number)).toEqual([3]);
    const mine = await session.ok('github_list_issues', { ...REPO, assignee: 'maintainer-mia' });
    expect(records(mine.issues).map((issue: { number: number }) => issue.number)).toEqual([1]);
    const recent = await session.ok('github_list_issues', { ...REPO, since: new Date(Date.now() - 5 * 86_400_000).toISOString(), sort: 'updated' });
    expect(records(recent.issues).map((issue: { number: number }) => issue.number)).toEqual([5, 1, 2]);
    const request = session.fake.requests.filter((item) => item.path === '/repos/octo-org/hello-world/issues').at(-1)!;
    expect(request.query.get('sort')).toBe('updated');
    expect(session.fake.problems).toEqual([]);
  });

  it('refuses what the listed schema leaves unsaid (a date that is not ISO 8601, an empty owner) with the fix', async () => {
    const requestsBefore = issueRequests();
    const badDate = await session.server.call('github_list_issues', { ...REPO, since: 'last tuesday' });
    expect(badDate).toMatchObject({ isError: true, text: expect.stringMatching(/since.*expected ISO 8601, e\.g\. 2025-01-31/s) });
    const emptyOwner = await session.server.call('github_list_issues', { ...REPO, owner: '' });
    expect(emptyOwner).toMatchObject({ isError: true, text: expect.stringContaining('owner') });
    expect(issueRequests()).toBe(requestsBefore);
  });

  it('renders the list as CSV text with the cursor, keeping JSON in structured content', async () => {
    const result = await session.server.call('github_list_issues', { ...REPO, labels: ['enhancement'], per_page: 1 });
    expect(result.text.split('\n')).toEqual([
      'number,title,state,author,labels,comments,updated_at,pr',
      expect.stringMatching(/^2,Add dark mode,open,drive-by-dan,enhancement,0,\d{4}-[\d-]+T[\d:]+Z,$/),
      '(no more)',
    ]);
    expect(records(result.structured?.issues)[0].number).toBe(2);
  });

  it('refuses a per_page over 100', async () => {
    const result = await session.server.call('github_list_issues', { ...REPO, per_page: 500 });
    expect(result).toMatchObject({ isError: true, text: expect.stringMatching(/per_page/) });
  });
});

describe('github_search_issues', () => {
  it('finds issues and pull requests with GitHub search syntax, with the repository named', async () => {
    const found = await session.ok('github_search_issues', { q: 'repo:octo-org/hello-world is:pr is:open', per_page: 1 });
    expect(found.total_count).toBe(2);
    expect(records(found.items)).toHaveLength(1);
    expect(records(found.items)[0]).toMatchObject({ repository: 'octo-org/hello-world', pull_request: true });
    expect(found.next_cursor).toBe('2');
    const next = await session.ok('github_search_issues', { q: 'repo:octo-org/hello-world is:pr is:open', per_page: 1, cursor: found.next_cursor });
    expect(records(next.items)[0].number).not.toBe(records(found.items)[0].number);
    expect(next.next_cursor).toBeUndefined();
    expect(session.fake.problems).toEqual([]);
  });
});

describe('github_get_issues', () => {
  it('fetches N issues in exactly ONE GraphQL request, with a per-item error for a missing one', async () => {
    const before = graphqlRequests().length;
    const result = await session.ok('github_get_issues', { ...REPO, issue_numbers: [1, 2, 3, 4, 999] });
    expect(graphqlRequests().length - before).toBe(1);
    expect(result.issues.map((issue: { number: number }) => issue.number)).toEqual([1, 2, 3, 4]);
    expect(result.issues[3]).toMatchObject({ number: 4, pull_request: true, state: 'open' });
    expect(result.issues[2]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(result.errors).toEqual([{ number: 999, error: 'Could not resolve to an issue or pull request with the number of 999.' }]);
    expect(result.issues[1].body).not.toContain(HIDDEN_COMMENT);
    expect(session.fake.problems).toEqual([]);
  });

  it('names the repository when it does not exist', async () => {
    const result = await session.server.call('github_get_issues', { owner: 'octo-org', repo: 'nope', issue_numbers: [1] });
    expect(result).toMatchObject({ isError: true, text: expect.stringMatching(/octo-org\/nope: Could not resolve to a Repository/) });
  });
});

describe('comments', () => {
  it('lists comments fenced as untrusted and adds one', async () => {
    const listed = await session.ok('github_list_comments', { ...REPO, issue_number: 1 });
    expect(records(listed.comments)).toHaveLength(2);
    expect(records(listed.comments)[1].author).toBe('drive-by-dan');
    expect(records(listed.comments)[1].body).toContain('<untrusted-content source="comment');
    expect(records(listed.comments)[1].body).toContain(INJECTION_TEXT);
    const added = await session.ok('github_add_comment', { ...REPO, issue_number: 1, body: 'On it.' });
    expect(added.url).toMatch(/#issuecomment-\d+$/);
    const again = await session.ok('github_list_comments', { ...REPO, issue_number: 1 });
    expect(
      records(again.comments)
        .map((comment: { body: string }) => comment.body)
        .at(-1),
    ).toContain('On it.');
    expect(session.fake.problems).toEqual([]);
  });
});

describe('writing issues', () => {
  it('creates an issue and reads it back', async () => {
    const created = await session.ok('github_create_issue', {
      ...REPO,
      title: 'Login fails',
      body: 'Steps…',
      labels: ['bug'],
      assignees: ['maintainer-mia'],
      milestone: 1,
    });
    expect(created.url).toMatch(/\/issues\/\d+$/);
    const issue = await session.ok('github_get_issue', { ...REPO, issue_number: created.number });
    expect(issue).toMatchObject({ title: 'Login fails', labels: ['bug'], assignees: ['maintainer-mia'], milestone: 'v1.2' });
    expect(session.fake.problems).toEqual([]);
  });

  it('updates title, labels, state and state_reason, and a read right after sees the change', async () => {
    await session.ok('github_get_issue', { ...REPO, issue_number: 5 });
    const updated = await session.ok('github_update_issue', {
      ...REPO,
      issue_number: 5,
      title: 'Spam',
      labels: ['invalid'],
      state: 'closed',
      state_reason: 'not_planned',
      milestone: null,
    });
    expect(updated).toMatchObject({ number: 5, state: 'closed', state_reason: 'not_planned', labels: ['invalid'] });
    const reread = await session.ok('github_get_issue', { ...REPO, issue_number: 5 });
    expect(reread).toMatchObject({ title: 'Spam', state: 'closed', state_reason: 'not_planned' });
    const reopened = await session.ok('github_update_issue', { ...REPO, issue_number: 5, state: 'open' });
    expect(reopened.state).toBe('open');
    expect(session.fake.problems).toEqual([]);
  });

  it('refuses an empty update and a state_reason that contradicts state', async () => {
    expect(await session.server.call('github_update_issue', { ...REPO, issue_number: 5 })).toMatchObject({
      isError: true,
      text: expect.stringMatching(/nothing to change/),
    });
    expect(await session.server.call('github_update_issue', { ...REPO, issue_number: 5, state: 'open', state_reason: 'completed' })).toMatchObject({
      isError: true,
      text: expect.stringMatching(/does not fit/),
    });
  });

  it('reports GitHub validation errors with their field', async () => {
    const result = await session.server.call('github_update_issue', { ...REPO, issue_number: 1, milestone: 42 });
    expect(result).toMatchObject({ isError: true, text: expect.stringMatching(/rejected the request \(422\): Validation Failed/) });
  });
});

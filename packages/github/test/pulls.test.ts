import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { records } from '@toolbridge/core';
import { connectServer, INJECTION_TEXT, startFakeGitHub } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDir, FAKE_TOKEN, openSession, packageDir, REPO, type Session } from './support/session.js';

let session: Session;
beforeAll(async () => {
  session = await openSession({ args: [] });
});
afterAll(async () => {
  await session?.close();
});

describe('github_get_pull_request', () => {
  it('summarises review state and checks of the head commit', async () => {
    const pull = await session.ok('github_get_pull_request', { ...REPO, pull_number: 4 });
    expect(pull).toMatchObject({
      number: 4,
      state: 'open',
      author: 'maintainer-mia',
      head: 'octo-org:fix-config',
      base: 'main',
      mergeable: true,
      changed_files: 2,
      additions: 44,
      deletions: 1,
      review_decision: 'approved',
      checks: { total: 3, passed: 2, failed: 0, pending: 0, skipped: 1 },
    });
    expect(pull.checks).not.toHaveProperty('failing'); // none failing: left out, not []
    expect(pull.reviews).toEqual([
      { user: 'triager-tom', state: 'COMMENTED', submitted_at: expect.any(String) },
      { user: 'octocat', state: 'APPROVED', submitted_at: expect.any(String) },
    ]);
    expect(pull.body).toContain('<untrusted-content source="pull request #4 body by @maintainer-mia">');
    expect(session.fake.problems).toEqual([]);
  });

  it('reports changes requested, failing and pending checks', async () => {
    const pull = await session.ok('github_get_pull_request', { ...REPO, pull_number: 6 });
    expect(pull).toMatchObject({
      review_decision: 'changes_requested',
      requested_reviewers: ['octocat'],
      checks: { failed: 1, pending: 1, failing: ['test'] },
    });
    expect(pull.body).toContain(INJECTION_TEXT);
    const merged = await session.ok('github_get_pull_request', { ...REPO, pull_number: 13 });
    expect(merged).toMatchObject({ state: 'merged', merged_at: expect.any(String) });
  });
});

describe('github_list_pull_requests', () => {
  it('lists with filters and pages with next_cursor', async () => {
    const open = await session.ok('github_list_pull_requests', { ...REPO, per_page: 1 });
    expect(records(open.pull_requests)).toHaveLength(1);
    expect(open.next_cursor).toBe('2');
    const text = (await session.server.call('github_list_pull_requests', { ...REPO, per_page: 1 })).text;
    expect(text.split('\n')[0]).toBe('number,title,state,draft,author,head,base,labels,updated_at');
    expect(text.split('\n').at(-1)).toBe('next_cursor: 2 (pass as cursor for more)');
    const second = await session.ok('github_list_pull_requests', { ...REPO, per_page: 1, cursor: open.next_cursor });
    expect(second.next_cursor).toBeUndefined();
    expect([records(open.pull_requests)[0].number, records(second.pull_requests)[0].number].sort()).toEqual([4, 6]);
    const all = await session.ok('github_list_pull_requests', { ...REPO, state: 'all' });
    expect(
      records(all.pull_requests)
        .map((pull: { number: number }) => pull.number)
        .sort((a: number, b: number) => a - b),
    ).toEqual([4, 6, 13]);
    const byHead = await session.ok('github_list_pull_requests', { ...REPO, head: 'octo-org:update-readme' });
    expect(records(byHead.pull_requests)).toEqual([expect.objectContaining({ number: 6, head: 'octo-org:update-readme', draft: false })]);
    expect(session.fake.problems).toEqual([]);
  });
});

describe('github_get_pull_request_diff', () => {
  it('returns per-file patches, each capped with a marker', async () => {
    const diff = await session.ok('github_get_pull_request_diff', { ...REPO, pull_number: 4, max_patch_chars: 300 });
    expect(records(diff.files).map((file: { filename: string }) => file.filename)).toEqual(['src/config.js', 'test/config.test.js']);
    const [small, big] = records(diff.files);
    expect(small.patch).toContain('throw new Error');
    expect(small.patch).not.toContain('[patch cut');
    expect(big.patch).toMatch(/…\[patch cut at 300 of \d+ chars\]/);
    expect(big.patch).toContain('<untrusted-content');
    expect(big).toMatchObject({ status: 'added', additions: 40, deletions: 0 });
    const paged = await session.ok('github_get_pull_request_diff', { ...REPO, pull_number: 4, per_page: 1 });
    expect(paged.files.rows).toHaveLength(1);
    expect(paged.next_cursor).toBe('2');
    expect(session.fake.problems).toEqual([]);
  });
});

describe('writing pull requests', () => {
  it('creates a pull request into the default branch', async () => {
    session.fake.state.repo('octo-org', 'hello-world')!.branches.push({ name: 'feature-x', sha: 'a'.repeat(40), protected: false });
    const created = await session.ok('github_create_pull_request', { ...REPO, title: 'Feature X', head: 'feature-x', body: 'Adds X', draft: true });
    expect(created).toMatchObject({ base: 'main', head_sha: 'a'.repeat(40), url: expect.stringMatching(/\/pull\/\d+$/) });
    const again = await session.server.call('github_create_pull_request', { ...REPO, title: 'Feature X', head: 'feature-x' });
    expect(again).toMatchObject({ isError: true, text: expect.stringMatching(/422.*A pull request already exists/) });
    expect(session.fake.problems).toEqual([]);
  });

  it('submits a review with line comments', async () => {
    const review = await session.ok('github_create_review', {
      ...REPO,
      pull_number: 6,
      event: 'REQUEST_CHANGES',
      body: 'Please remove the link.',
      comments: [{ path: 'README.md', line: 3, body: 'This link points nowhere.' }],
    });
    expect(review).toMatchObject({ state: 'CHANGES_REQUESTED', url: expect.stringContaining('#pullrequestreview-') });
    const sent = session.fake.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/pulls/6/reviews')).at(-1)!;
    expect(sent.json).toEqual({
      event: 'REQUEST_CHANGES',
      body: 'Please remove the link.',
      comments: [{ path: 'README.md', line: 3, side: 'RIGHT', body: 'This link points nowhere.' }],
    });
    const wrongLine = await session.server.call('github_create_review', {
      ...REPO,
      pull_number: 6,
      event: 'COMMENT',
      comments: [{ path: 'README.md', line: 99, body: 'x' }],
    });
    expect(wrongLine).toMatchObject({ isError: true, text: expect.stringMatching(/Line could not be resolved/) });
    const empty = await session.server.call('github_create_review', { ...REPO, pull_number: 6, event: 'COMMENT' });
    expect(empty).toMatchObject({ isError: true, text: expect.stringMatching(/needs a body or line comments/) });
    expect(session.fake.problems).toEqual([]);
  });

  it('merges without asking when the client cannot be asked', async () => {
    const merged = await session.ok('github_merge_pull_request', { ...REPO, pull_number: 4, merge_method: 'squash' });
    expect(merged).toMatchObject({ merged: true, sha: expect.stringMatching(/^[0-9a-f]{40}$/) });
    const twice = await session.server.call('github_merge_pull_request', { ...REPO, pull_number: 4 });
    expect(twice).toMatchObject({ isError: true, text: expect.stringMatching(/405.*not mergeable/) });
    expect(session.fake.problems).toEqual([]);
  });
});

describe('github_merge_pull_request with elicitation', () => {
  it('asks the user and merges only when confirmed', async () => {
    const fake = await startFakeGitHub({ token: FAKE_TOKEN });
    const server = await connectServer(packageDir, {
      env: { TOOLBRIDGE_CACHE_DIR: cacheDir, GITHUB_API_URL: fake.apiUrl, GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN },
      capabilities: { elicitation: {} },
    });
    const asked: string[] = [];
    let answer = false;
    server.client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message);
      return { action: 'accept', content: { confirm: answer } };
    });
    try {
      const declined = await server.call('github_merge_pull_request', { ...REPO, pull_number: 4 });
      expect(declined).toMatchObject({ isError: true, text: expect.stringMatching(/did not confirm.*Nothing was changed/s) });
      expect(fake.requests.some((request) => request.method === 'PUT')).toBe(false);
      answer = true;
      const merged = await server.call('github_merge_pull_request', { ...REPO, pull_number: 4 });
      expect(merged.structured).toMatchObject({ merged: true });
      expect(asked).toEqual(['Merge pull request #4 of octo-org/hello-world (merge)?', 'Merge pull request #4 of octo-org/hello-world (merge)?']);
      expect(fake.problems).toEqual([]);
    } finally {
      await server.close();
      await fake.close();
    }
  });
});

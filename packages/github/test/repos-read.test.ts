import { records } from '@toolbridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, REPO, type Session } from './support/session.js';

let session: Session;
beforeAll(async () => {
  session = await openSession();
});
afterAll(async () => {
  await session?.close();
});

describe('github_get_file', () => {
  it('returns a text file fenced as untrusted, with the hidden comment removed', async () => {
    const file = await session.ok('github_get_file', { ...REPO, path: 'docs/guide.md' });
    expect(file).toMatchObject({ type: 'file', path: 'docs/guide.md', size: expect.any(Number) });
    expect(file.content).toContain('<untrusted-content source="file octo-org/hello-world/docs/guide.md">');
    expect(file.content).toContain('Run `npm start`.');
    expect(file.content).not.toContain('AI assistant');
    expect(session.fake.problems).toEqual([]);
  });

  it('lists a directory and the root', async () => {
    const root = await session.ok('github_get_file', { ...REPO });
    expect(root.type).toBe('dir');
    expect(root.entries).toEqual([
      { name: 'README.md', type: 'file', size: expect.any(Number) },
      { name: 'assets', type: 'dir' },
      { name: 'docs', type: 'dir' },
      { name: 'src', type: 'dir' },
    ]);
    const src = await session.ok('github_get_file', { ...REPO, path: 'src' });
    expect(src.entries).toEqual([{ name: 'config.js', type: 'file', size: expect.any(Number) }]);
    expect(session.fake.problems).toEqual([]);
  });

  it('returns size and links instead of the body over max_bytes', async () => {
    const big = await session.ok('github_get_file', { ...REPO, path: 'assets/big.txt' });
    expect(big).toMatchObject({ size: 300_000, download_url: expect.stringContaining('assets/big.txt'), html_url: expect.stringContaining('assets/big.txt') });
    expect(big.content).toBeUndefined();
    expect(big.omitted).toMatch(/300000 bytes, over max_bytes \(32000\)/);
    const small = await session.ok('github_get_file', { ...REPO, path: 'README.md', max_bytes: 1000 });
    expect(small.content).toContain('# hello-world');
    expect(session.fake.problems).toEqual([]);
  });
});

describe('github_list_commits', () => {
  it('pages through the default branch, newest first, with next_cursor until the end', async () => {
    const first = await session.ok('github_list_commits', { ...REPO, per_page: 3 });
    expect(records(first.commits).map((commit: { message: string }) => commit.message.split('\n')[1])).toEqual([
      'Fix typo in docs',
      'Release v1.0.0',
      'Add config loader',
    ]);
    expect(records(first.commits)[0]).toMatchObject({ sha: expect.stringMatching(/^[0-9a-f]{40}$/), author: 'drive-by-dan', date: expect.any(String) });
    expect(first.next_cursor).toBe('2');
    const second = await session.ok('github_list_commits', { ...REPO, per_page: 3, cursor: first.next_cursor });
    expect(records(second.commits)).toHaveLength(1);
    expect(records(second.commits)[0].message).toContain('Initial commit');
    expect(second.next_cursor).toBeUndefined();
    expect(session.fake.problems).toEqual([]);
  });

  it('filters by path, author and time window', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: a tool's structured result, read as the model reads it
    const subjects = (result: Record<string, any>) => records(result.commits).map((commit: { message: string }) => commit.message.split('\n')[1]);
    expect(subjects(await session.ok('github_list_commits', { ...REPO, path: 'src' }))).toEqual(['Add config loader']);
    expect(subjects(await session.ok('github_list_commits', { ...REPO, author: 'octocat' }))).toEqual(['Release v1.0.0', 'Initial commit']);
    const day = 86_400_000;
    const since = new Date(Date.now() - 30 * day).toISOString();
    const until = new Date(Date.now() - 10 * day).toISOString();
    expect(subjects(await session.ok('github_list_commits', { ...REPO, since, until }))).toEqual(['Release v1.0.0', 'Add config loader']);
    const sinceDate = new Date(Date.now() - 16 * day).toISOString().slice(0, 10);
    expect(subjects(await session.ok('github_list_commits', { ...REPO, since: sinceDate }))).toEqual(['Fix typo in docs', 'Release v1.0.0']);
    expect(session.fake.requests.at(-1)?.query.get('since')).toBe(`${sinceDate}T00:00:00Z`);
    expect(session.fake.problems).toEqual([]);
  });

  it('rejects a cursor it did not hand out', async () => {
    const result = await session.server.call('github_list_commits', { ...REPO, cursor: 'abc' });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/cursor "abc" is not one this tool returned/);
  });
});

describe('github_get_commit', () => {
  it('returns the message fenced (hidden comment dropped), stats and the patch', async () => {
    const head = session.fake.state.repo('octo-org', 'hello-world')!.branches.find((branch) => branch.name === 'main')!.sha;
    const commit = await session.ok('github_get_commit', { ...REPO, ref: head });
    expect(commit).toMatchObject({
      sha: head,
      author: 'drive-by-dan',
      stats: { additions: 1, deletions: 1 },
      parents: [expect.stringMatching(/^[0-9a-f]{40}$/)],
    });
    expect(commit.message).toContain('Fix typo in docs');
    expect(commit.message).not.toContain('AI assistant');
    expect(records(commit.files)).toEqual([
      { filename: 'docs/guide.md', status: 'modified', additions: 1, deletions: 1, patch: expect.stringContaining('+The guide') },
    ]);
    const bare = await session.ok('github_get_commit', { ...REPO, ref: 'main', include_patches: false });
    expect(records(bare.files)[0]!.patch).toBeUndefined();
    expect(session.fake.problems).toEqual([]);
  });

  it("answers an unknown SHA with GitHub's error", async () => {
    const result = await session.server.call('github_get_commit', { ...REPO, ref: 'f'.repeat(40) });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/422.*No commit found for SHA/);
  });
});

describe('github_list_branches', () => {
  it('lists branches with head SHA and protection, paged and filtered', async () => {
    const page = await session.ok('github_list_branches', { ...REPO, per_page: 2 });
    expect(records(page.branches)).toEqual([
      { name: 'main', sha: expect.stringMatching(/^[0-9a-f]{40}$/), protected: true },
      { name: 'fix-config', sha: expect.any(String), protected: false },
    ]);
    expect(page.next_cursor).toBe('2');
    const rest = await session.ok('github_list_branches', { ...REPO, per_page: 2, cursor: '2' });
    expect(records(rest.branches).map((branch: { name: string }) => branch.name)).toEqual(['update-readme']);
    expect(rest.next_cursor).toBeUndefined();
    const protectedOnly = await session.ok('github_list_branches', { ...REPO, protected: true });
    expect(records(protectedOnly.branches).map((branch: { name: string }) => branch.name)).toEqual(['main']);
    expect(session.fake.problems).toEqual([]);
  });
});

describe('github_search_code', () => {
  it('finds files with fenced fragments, scoped by qualifiers', async () => {
    const result = await session.ok('github_search_code', { query: 'readFileSync repo:octo-org/hello-world' });
    expect(result).toMatchObject({ total_count: 1, incomplete_results: false });
    expect(records(result.items)).toEqual([
      { repository: 'octo-org/hello-world', path: 'src/config.js', sha: expect.any(String), fragments: [expect.stringContaining('readFileSync(path')] },
    ]);
    expect(records(result.items)[0].fragments[0]).toMatch(/^<untrusted-content source="code in octo-org\/hello-world\/src\/config.js">/);
    const none = await session.ok('github_search_code', { query: 'readFileSync language:markdown' });
    expect(none).toMatchObject({ total_count: 0, items: { rows: [] } });
    const request = session.fake.requests.find((item) => item.path === '/search/code');
    expect(request?.headers.accept).toContain('text-match');
    expect(session.fake.problems).toEqual([]);
  });
});

import { records } from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import { REPO, useFreshSession } from './support/session.js';

const current = useFreshSession();

const repoState = () => current().fake.state.repo('octo-org', 'hello-world')!;
const head = (branch: string) => repoState().branches.find((item) => item.name === branch)?.sha;
const gitCalls = () =>
  current()
    .fake.requests.filter((request) => request.path.includes('/git/') || request.path === '/repos/octo-org/hello-world')
    .map((request) => `${request.method} ${decodeURIComponent(request.path).replace('/repos/octo-org/hello-world', '')}`);

describe('github_create_commit', () => {
  it('writes, deletes and adds a binary file in ONE commit on the default branch through the git data API', async () => {
    const before = head('main')!;
    const logo = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64');
    const result = await current().ok('github_create_commit', {
      ...REPO,
      message: 'Release prep: notes, readme, drop config',
      files: [
        { path: 'docs/notes.md', content: 'Notes\n' },
        { path: 'bin/release.sh', content: '#!/bin/sh\necho release\n', executable: true },
        { path: 'README.md', content: '# hello-world\n\nChanged.\n' },
        { path: 'src/config.js', delete: true },
        { path: 'assets/logo.png', content: logo, encoding: 'base64' },
      ],
    });
    expect(result).toMatchObject({
      branch: 'main',
      parent: before,
      files_changed: 5,
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      html_url: expect.stringContaining('/commit/'),
    });
    expect(head('main')).toBe(result.sha);
    expect(gitCalls()).toEqual([
      'GET ',
      'GET /git/ref/heads/main',
      `GET /git/commits/${before}`,
      'POST /git/blobs',
      'POST /git/trees',
      'POST /git/commits',
      'PATCH /git/refs/heads/main',
    ]);
    const treeRequest = current().fake.requests.find((request) => request.path.endsWith('/git/trees'))!;
    expect((treeRequest.json as { tree: Array<{ path: string; mode: string }> }).tree.map((entry) => `${entry.mode} ${entry.path}`)).toEqual([
      '100644 docs/notes.md',
      '100755 bin/release.sh',
      '100644 README.md',
      '100644 src/config.js',
      '100644 assets/logo.png',
    ]);
    const patch = current().fake.requests.find((request) => request.method === 'PATCH')!;
    expect(patch.json).toEqual({ sha: result.sha, force: false });
    const files = repoState().files;
    expect(files['docs/notes.md']).toBe('Notes\n');
    expect(files['README.md']).toBe('# hello-world\n\nChanged.\n');
    expect(files['src/config.js']).toBeUndefined();
    expect(files['assets/logo.png']).toBe(Buffer.from(logo, 'base64').toString('utf8'));

    const commit = await current().ok('github_get_commit', { ...REPO, ref: result.sha });
    expect(commit.parents).toEqual([before]);
    expect(records(commit.files).map((file: { filename: string; status: string }) => `${file.status} ${file.filename}`)).toEqual([
      'modified README.md',
      'added assets/logo.png',
      'added bin/release.sh',
      'added docs/notes.md',
      'removed src/config.js',
    ]);
    expect(current().fake.problems).toEqual([]);
  });

  it('reads a committed binary file back as size and links only', async () => {
    const bytes = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]).toString('base64');
    await current().ok('github_create_commit', { ...REPO, message: 'Add wasm', files: [{ path: 'bin/app.wasm', content: bytes, encoding: 'base64' }] });
    const file = await current().ok('github_get_file', { ...REPO, path: 'bin/app.wasm' });
    expect(file).toMatchObject({ type: 'file', size: 8, omitted: 'binary file', download_url: expect.stringContaining('bin/app.wasm') });
    expect(file.content).toBeUndefined();
    expect(current().fake.problems).toEqual([]);
  });

  it('starts a new branch from a base branch and leaves the base alone', async () => {
    const base = head('fix-config');
    const main = head('main');
    const result = await current().ok('github_create_commit', {
      ...REPO,
      branch: 'main',
      new_branch: 'release-prep',
      message: 'Bump',
      files: [{ path: 'VERSION', content: '1.1.0\n' }],
    });
    expect(result).toMatchObject({ branch: 'release-prep', parent: main });
    expect(head('release-prep')).toBe(result.sha);
    expect(head('main')).toBe(main);
    expect(head('fix-config')).toBe(base);
    expect(gitCalls().at(-1)).toBe('POST /git/refs');
    const onBranch = await current().ok('github_get_file', { ...REPO, path: 'VERSION', ref: 'release-prep' });
    expect(onBranch.content).toContain('1.1.0');
    const onMain = await current().server.call('github_get_file', { ...REPO, path: 'VERSION' });
    expect(onMain.isError).toBe(true);
    expect(onMain.text).toMatch(/404/);
    const history = await current().ok('github_list_commits', { ...REPO, sha: 'release-prep', per_page: 2 });
    expect(records(history.commits).map((commit: { sha: string }) => commit.sha)).toEqual([result.sha, main]);
    expect(current().fake.problems).toEqual([]);
  });

  it('cuts long patches when reading the commit back, with a marker', async () => {
    const big = Array.from({ length: 300 }, (_, line) => `line ${line + 1}`).join('\n');
    const result = await current().ok('github_create_commit', {
      ...REPO,
      branch: 'main',
      message: 'Big file',
      files: [
        { path: 'big.txt', content: big },
        { path: 'a.txt', content: 'a' },
        { path: 'b.txt', content: 'b' },
      ],
    });
    const commit = await current().ok('github_get_commit', { ...REPO, ref: result.sha, max_patch_chars: 500, per_page: 2 });
    expect(records(commit.files).map((file: { filename: string }) => file.filename)).toEqual(['a.txt', 'b.txt']);
    expect(commit.next_cursor).toBe('2');
    const rest = await current().ok('github_get_commit', { ...REPO, ref: result.sha, max_patch_chars: 500, per_page: 2, cursor: commit.next_cursor });
    const patch = records(rest.files)[0]!.patch as string;
    expect(records(rest.files)[0]).toMatchObject({ filename: 'big.txt', additions: 300 });
    expect(patch).toMatch(/…\[patch cut at 500 of \d+ chars\]/);
    expect(patch.length).toBeLessThan(700);
    expect(current().fake.problems).toEqual([]);
  });

  it('refuses a file with both content and delete, and reports a branch that moved meanwhile', async () => {
    const both = await current().server.call('github_create_commit', { ...REPO, message: 'x', files: [{ path: 'a', content: 'a', delete: true }] });
    expect(both.isError).toBe(true);
    expect(both.text).toMatch(/"a" needs exactly one of content or delete/);
    current().fake.queue({
      method: 'PATCH',
      status: 422,
      body: { message: 'Update is not a fast forward', documentation_url: 'https://docs.github.com/rest', status: '422' },
    });
    const moved = await current().server.call('github_create_commit', { ...REPO, branch: 'main', message: 'x', files: [{ path: 'a', content: 'a' }] });
    expect(moved.isError).toBe(true);
    expect(moved.text).toMatch(/422.*Update is not a fast forward/);
  });
});

describe('github_create_branch', () => {
  it('branches from the default branch, another branch or a SHA', async () => {
    const fromDefault = await current().ok('github_create_branch', { ...REPO, branch: 'feature-x' });
    expect(fromDefault).toEqual({ branch: 'feature-x', sha: head('main'), from: 'main' });
    const fromBranch = await current().ok('github_create_branch', { ...REPO, branch: 'feature-y', from: 'fix-config' });
    expect(fromBranch).toEqual({ branch: 'feature-y', sha: head('fix-config'), from: 'fix-config' });
    const sha = head('update-readme')!;
    const fromSha = await current().ok('github_create_branch', { ...REPO, branch: 'feature-z', from: sha });
    expect(fromSha).toEqual({ branch: 'feature-z', sha, from: sha });
    expect(head('feature-z')).toBe(sha);
    const tag = repoState().tags.find((item) => item.name === 'v1.0.0')!;
    const fromTag = await current().ok('github_create_branch', { ...REPO, branch: 'hotfix-1.0', from: 'v1.0.0' });
    expect(fromTag).toEqual({ branch: 'hotfix-1.0', sha: tag.sha, from: 'v1.0.0' });
    const resolved = current().fake.requests.filter((request) => request.path.startsWith('/repos/octo-org/hello-world/commits/'));
    expect(resolved.map((request) => request.headers.accept)).toEqual(Array(3).fill('application/vnd.github.v3.sha'));
    expect(current().fake.problems).toEqual([]);
  });

  it('reports an existing branch and a missing source', async () => {
    const exists = await current().server.call('github_create_branch', { ...REPO, branch: 'fix-config' });
    expect(exists.isError).toBe(true);
    expect(exists.text).toMatch(/422.*Reference already exists/);
    const missing = await current().server.call('github_create_branch', { ...REPO, branch: 'new', from: 'no-such-branch' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/422.*No commit found for SHA: no-such-branch/);
  });
});

import { records } from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import { REPO, useFreshSession } from './support/session.js';

const current = useFreshSession();

const repoState = () => current().fake.state.repo('octo-org', 'hello-world')!;

describe('github_list_releases', () => {
  it('lists releases newest first without notes, paged', async () => {
    const first = await current().ok('github_list_releases', { ...REPO, per_page: 1 });
    expect(records(first.releases)).toEqual([
      {
        id: expect.any(Number),
        tag: 'v1.0.0',
        name: 'v1.0.0',
        draft: false,
        prerelease: false,
        author: 'octocat',
        published_at: expect.any(String),
        html_url: 'https://github.com/octo-org/hello-world/releases/tag/v1.0.0',
      },
    ]);
    expect(first.next_cursor).toBe('2');
    const second = await current().ok('github_list_releases', { ...REPO, per_page: 1, cursor: first.next_cursor });
    expect(records(second.releases)).toMatchObject([{ tag: 'v0.9.0', prerelease: true }]);
    expect(second.next_cursor).toBeUndefined();
    expect(current().fake.problems).toEqual([]);
  });
});

describe('github_get_latest_release', () => {
  it('returns the latest full release with fenced notes, or the release of a tag', async () => {
    const latest = await current().ok('github_get_latest_release', { ...REPO });
    expect(latest).toMatchObject({ tag: 'v1.0.0', prerelease: false, assets: [] });
    expect(latest.body).toBe('<untrusted-content source="release v1.0.0 notes">\n## Changes\n- Config loader\n</untrusted-content>');
    const tagged = await current().ok('github_get_latest_release', { ...REPO, tag: 'v0.9.0' });
    expect(tagged).toMatchObject({ tag: 'v0.9.0', prerelease: true });
    const missing = await current().server.call('github_get_latest_release', { ...REPO, tag: 'v9' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/404/);
    expect(current().fake.problems).toEqual([]);
  });
});

describe('github_create_release', () => {
  it('creates a release and its tag with generated notes from PRs merged since the last release', async () => {
    const pull = repoState().pulls.find((item) => item.number === 4)!;
    Object.assign(pull, { state: 'closed', merged_at: new Date().toISOString(), merged_by: 'octocat' });
    const release = await current().ok('github_create_release', {
      ...REPO,
      tag: 'v1.1.0',
      name: 'v1.1.0',
      body: 'Highlights: clearer config errors.',
      generate_release_notes: true,
    });
    expect(release).toMatchObject({
      tag: 'v1.1.0',
      name: 'v1.1.0',
      draft: false,
      prerelease: false,
      author: 'octocat',
      html_url: expect.stringContaining('/releases/tag/v1.1.0'),
    });
    expect(release.body).toContain('Highlights: clearer config errors.');
    expect(release.body).toContain('* Fix crash when the config file is missing by @maintainer-mia in https://github.com/octo-org/hello-world/pull/4');
    expect(release.body).toContain('compare/v1.0.0...v1.1.0');
    const main = repoState().branches.find((branch) => branch.name === 'main')!.sha;
    expect(repoState().tags[0]).toEqual({ name: 'v1.1.0', sha: main });
    const post = current().fake.requests.find((request) => request.method === 'POST' && request.path.endsWith('/releases'));
    expect(post?.json).toEqual({
      tag_name: 'v1.1.0',
      name: 'v1.1.0',
      body: 'Highlights: clearer config errors.',
      draft: false,
      prerelease: false,
      generate_release_notes: true,
    });
    expect(current().fake.problems).toEqual([]);
  });

  it('creates a draft prerelease at a target, and refuses an existing tag', async () => {
    const draft = await current().ok('github_create_release', { ...REPO, tag: 'v2.0.0-rc.1', target: 'fix-config', draft: true, prerelease: true });
    expect(draft).toMatchObject({ tag: 'v2.0.0-rc.1', draft: true, prerelease: true });
    expect(draft.published_at).toBeUndefined();
    const duplicate = await current().server.call('github_create_release', { ...REPO, tag: 'v1.0.0' });
    expect(duplicate.isError).toBe(true);
    expect(duplicate.text).toMatch(/422.*Validation Failed.*already_exists/);
    expect(current().fake.problems).toEqual([]);
  });
});

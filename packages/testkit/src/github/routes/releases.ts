import type { FakeRequest, FakeResponse, RouteHandler } from '../../fake/index.js';
import { resolveRef } from '../git-store.js';
import { hasPush, userJson } from '../shapes.js';
import type { FakeRelease, FakeRepo } from '../state.js';
import { ghError, notFound, paginate, withRepo, world } from '../world.js';

/** Fake GitHub routes for the releases toolset, following the REST API's documented shapes. */

const WEB = 'https://github.com';

function releaseJson(repo: FakeRepo, release: FakeRelease): Record<string, unknown> {
  const api = `${world().url}/repos/${repo.owner}/${repo.name}`;
  const web = `${WEB}/${repo.owner}/${repo.name}`;
  return {
    url: `${api}/releases/${release.id}`,
    html_url: release.draft ? `${web}/releases/tag/untagged-${release.id}` : `${web}/releases/tag/${release.tag_name}`,
    assets_url: `${api}/releases/${release.id}/assets`,
    upload_url: `https://uploads.github.com/repos/${repo.owner}/${repo.name}/releases/${release.id}/assets{?name,label}`,
    tarball_url: `${api}/tarball/${release.tag_name}`,
    zipball_url: `${api}/zipball/${release.tag_name}`,
    id: release.id,
    node_id: Buffer.from(`Release:${release.id}`).toString('base64'),
    tag_name: release.tag_name,
    target_commitish: release.target_commitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    created_at: release.created_at,
    published_at: release.published_at,
    author: userJson(release.author),
    assets: [],
  };
}

/** Drafts are visible only to users with push access, as on GitHub. */
const visibleReleases = (repo: FakeRepo) => repo.releases.filter((release) => !release.draft || hasPush(repo.collaborators[world().state.viewer]));

/** The latest release: the most recent non-draft, non-prerelease one by creation date. */
const latest = (repo: FakeRepo) =>
  repo.releases.filter((release) => !release.draft && !release.prerelease).sort((a, b) => b.created_at.localeCompare(a.created_at))[0];

/** Notes as GitHub generates them: merged pull requests since the previous release, and a compare link. */
function generatedNotes(repo: FakeRepo, tag: string): string {
  const previous = latest(repo);
  const since = previous?.created_at ?? '';
  const merged = repo.pulls.filter((pull) => pull.merged_at && pull.merged_at > since).sort((a, b) => a.merged_at!.localeCompare(b.merged_at!));
  const web = `${WEB}/${repo.owner}/${repo.name}`;
  const lines = merged.map((pull) => `* ${pull.title} by @${pull.user} in ${web}/pull/${pull.number}`);
  const changelog = previous ? `${web}/compare/${previous.tag_name}...${tag}` : `${web}/commits/${tag}`;
  return `## What's Changed\n${lines.join('\n')}\n\n**Full Changelog**: ${changelog}`;
}

function createRelease(request: FakeRequest, repo: FakeRepo): FakeResponse {
  const { state } = world();
  if (!hasPush(repo.collaborators[state.viewer])) return ghError(403, 'Resource not accessible by personal access token');
  const body = request.json as {
    tag_name: string;
    target_commitish?: string;
    name?: string;
    body?: string;
    draft?: boolean;
    prerelease?: boolean;
    generate_release_notes?: boolean;
  };
  if (repo.releases.some((release) => release.tag_name === body.tag_name)) {
    return ghError(422, 'Validation Failed', { errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }] });
  }
  const target = body.target_commitish ?? repo.default_branch;
  const draft = body.draft ?? false;
  if (!draft && !repo.tags.some((tag) => tag.name === body.tag_name)) {
    const targetSha = resolveRef(repo, target);
    if (!targetSha) return ghError(422, 'Validation Failed', { errors: [{ resource: 'Release', code: 'invalid', field: 'target_commitish' }] });
    repo.tags.unshift({ name: body.tag_name, sha: targetSha });
  }
  const notes = body.generate_release_notes ? generatedNotes(repo, body.tag_name) : undefined;
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const release: FakeRelease = {
    id: state.nextId(),
    tag_name: body.tag_name,
    name: body.name ?? (body.generate_release_notes ? body.tag_name : null),
    body: [body.body, notes].filter(Boolean).join('\n\n') || null,
    draft,
    prerelease: body.prerelease ?? false,
    target_commitish: target,
    author: state.viewer,
    created_at: now,
    published_at: draft ? null : now,
  };
  repo.releases.unshift(release);
  const json = releaseJson(repo, release);
  return { status: 201, headers: { location: String(json.url) }, body: json };
}

export const releasesRoutes: Record<string, RouteHandler> = {
  'GET /repos/:owner/:repo/releases': withRepo((request, repo) => paginate(request, visibleReleases(repo), (release) => releaseJson(repo, release))),
  'GET /repos/:owner/:repo/releases/latest': withRepo((_request, repo) => {
    const release = latest(repo);
    return release ? { body: releaseJson(repo, release) } : notFound();
  }),
  'GET /repos/:owner/:repo/releases/tags/:tag': withRepo((request, repo) => {
    const release = visibleReleases(repo).find((candidate) => candidate.tag_name === request.params.tag && !candidate.draft);
    return release ? { body: releaseJson(repo, release) } : notFound();
  }),
  'POST /repos/:owner/:repo/releases': withRepo(createRelease),
};

import { blobSha, byName, treeOf } from './git-store.js';
import { repoJson, userJson } from './shapes.js';
import type { FakeCommit, FakeRepo } from './state.js';
import { world } from './world.js';

/** REST shapes of the repos toolset's endpoints (commits, git data, contents, branches, code search). */

const WEB = 'https://github.com';
const nodeId = (kind: string, key: string | number) => Buffer.from(`${kind}:${key}`).toString('base64');
const repoApi = (repo: FakeRepo) => `${world().url}/repos/${repo.owner}/${repo.name}`;
const repoWeb = (repo: FakeRepo) => `${WEB}/${repo.owner}/${repo.name}`;

/** The git identity of a login: {name, email, date}. */
export function gitActor(login: string, date: string): { name: string; email: string; date: string } {
  const user = world().state.users[login];
  return { name: user?.name ?? login, email: user?.email ?? `${login}@users.noreply.github.com`, date };
}

const UNSIGNED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

/** GET /repos/{o}/{r}/commits (list item) and, with `detail`, GET /commits/{ref} with stats and files. */
export function commitJson(repo: FakeRepo, commit: FakeCommit, detail: { files: FakeCommit['files'] } | undefined): Record<string, unknown> {
  const api = repoApi(repo);
  const tree = treeOf(repo, commit.sha);
  const additions = commit.files.reduce((sum, file) => sum + file.additions, 0);
  const deletions = commit.files.reduce((sum, file) => sum + file.deletions, 0);
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    html_url: `${repoWeb(repo)}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: gitActor(commit.author, commit.date),
      committer: gitActor(commit.author, commit.date),
      message: commit.message,
      comment_count: 0,
      tree: { sha: tree, url: `${api}/git/trees/${tree}` },
      verification: UNSIGNED,
    },
    author: userJson(commit.author),
    committer: userJson(commit.author),
    parents: commit.parents.map((parent) => ({ sha: parent, url: `${api}/commits/${parent}`, html_url: `${repoWeb(repo)}/commit/${parent}` })),
    ...(detail
      ? {
          stats: { additions, deletions, total: additions + deletions },
          files: detail.files.map((file) => ({
            sha: file.status === 'removed' ? null : blobSha(`${commit.sha}:${file.filename}`),
            filename: file.filename,
            status: file.status,
            additions: file.additions,
            deletions: file.deletions,
            changes: file.additions + file.deletions,
            blob_url: `${repoWeb(repo)}/blob/${commit.sha}/${file.filename}`,
            raw_url: `${repoWeb(repo)}/raw/${commit.sha}/${file.filename}`,
            contents_url: `${api}/contents/${file.filename}?ref=${commit.sha}`,
            ...(file.patch === undefined ? {} : { patch: file.patch }),
          })),
        }
      : {}),
  };
}

/** GET/POST /git/commits (git-commit). */
export function gitCommitJson(repo: FakeRepo, commit: FakeCommit): Record<string, unknown> {
  const api = repoApi(repo);
  const tree = treeOf(repo, commit.sha);
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${repoWeb(repo)}/commit/${commit.sha}`,
    author: gitActor(commit.author, commit.date),
    committer: gitActor(commit.author, commit.date),
    message: commit.message,
    tree: { sha: tree, url: `${api}/git/trees/${tree}` },
    parents: commit.parents.map((parent) => ({ sha: parent, url: `${api}/git/commits/${parent}`, html_url: `${repoWeb(repo)}/commit/${parent}` })),
    verification: UNSIGNED,
  };
}

/** git-ref for a branch or tag ("refs/heads/main"). */
export function refJson(repo: FakeRepo, ref: string, sha: string): Record<string, unknown> {
  const api = repoApi(repo);
  return { ref, node_id: nodeId('Ref', ref), url: `${api}/git/${ref}`, object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` } };
}

function contentLinks(repo: FakeRepo, path: string, ref: string, type: 'file' | 'dir') {
  return { self: `${repoApi(repo)}/contents/${path}?ref=${ref}`, html: `${repoWeb(repo)}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${path}` };
}

/** A directory entry or, with `content`, a file from GET /contents/{path}. */
export function contentJson(
  repo: FakeRepo,
  path: string,
  ref: string,
  entry: { type: 'file'; content: string } | { type: 'dir' },
  withBody: boolean,
): Record<string, unknown> {
  const links = contentLinks(repo, path, ref, entry.type);
  const isFile = entry.type === 'file';
  const sha = isFile ? blobSha(entry.content) : blobSha(`dir ${path}`);
  const gitUrl = `${repoApi(repo)}/git/${isFile ? 'blobs' : 'trees'}/${sha}`;
  const size = isFile ? Buffer.byteLength(entry.content) : 0;
  const tooBig = size > 1024 * 1024;
  return {
    type: entry.type,
    ...(isFile && withBody
      ? {
          encoding: tooBig ? 'none' : 'base64',
          // GitHub wraps base64 at 60 characters.
          content: tooBig
            ? ''
            : (
                Buffer.from(entry.content)
                  .toString('base64')
                  .match(/.{1,60}/g) ?? []
              ).join('\n'),
        }
      : {}),
    size,
    name: path.split('/').at(-1) ?? path,
    path,
    sha,
    url: links.self,
    git_url: gitUrl,
    html_url: links.html,
    download_url: isFile ? `https://raw.githubusercontent.com/${repo.owner}/${repo.name}/${ref}/${path}` : null,
    _links: { self: links.self, git: gitUrl, html: links.html },
  };
}

export function branchJson(repo: FakeRepo, branch: { name: string; sha: string; protected: boolean }): Record<string, unknown> {
  return { name: branch.name, commit: { sha: branch.sha, url: `${repoApi(repo)}/commits/${branch.sha}` }, protected: branch.protected };
}

/** A code search hit; `fragment` adds text_matches (asked for with the text-match media type). */
export function codeSearchItemJson(
  repo: FakeRepo,
  path: string,
  content: string,
  fragment: { text: string; term: string } | undefined,
): Record<string, unknown> {
  const sha = blobSha(content);
  const url = `${repoApi(repo)}/contents/${path}?ref=${repo.default_branch}`;
  return {
    name: path.split('/').at(-1) ?? path,
    path,
    sha,
    url,
    git_url: `${repoApi(repo)}/git/blobs/${sha}`,
    html_url: `${repoWeb(repo)}/blob/${repo.default_branch}/${path}`,
    repository: repoJson(repo),
    score: 1,
    ...(fragment
      ? {
          text_matches: [
            {
              object_url: url,
              object_type: 'FileContent',
              property: 'content',
              fragment: fragment.text,
              matches: [
                {
                  text: fragment.term,
                  indices: [
                    fragment.text.toLowerCase().indexOf(fragment.term.toLowerCase()),
                    fragment.text.toLowerCase().indexOf(fragment.term.toLowerCase()) + fragment.term.length,
                  ],
                },
              ],
            },
          ],
        }
      : {}),
  };
}

/** A tree's top-level entries (git/trees), files as blobs and folders as trees. */
export function treeJson(repo: FakeRepo, treeSha: string, files: Record<string, string>): Record<string, unknown> {
  const top = new Map<string, 'blob' | 'tree'>();
  for (const path of Object.keys(files)) top.set(path.split('/')[0]!, path.includes('/') ? 'tree' : 'blob');
  const api = repoApi(repo);
  return {
    sha: treeSha,
    url: `${api}/git/trees/${treeSha}`,
    truncated: false,
    tree: [...top].sort(byName).map(([path, type]) => {
      const sha = type === 'blob' ? blobSha(files[path]!) : blobSha(`dir ${path}`);
      return {
        path,
        mode: type === 'blob' ? '100644' : '040000',
        type,
        sha,
        ...(type === 'blob' ? { size: Buffer.byteLength(files[path]!) } : {}),
        url: `${api}/git/${type}s/${sha}`,
      };
    }),
  };
}

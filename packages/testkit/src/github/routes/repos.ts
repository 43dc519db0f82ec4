import type { FakeRequest, FakeResponse, RouteHandler } from '../../fake/index.js';
import { blobSha, byName, filesAt, findCommit, gitStore, history, putTree, resolveRef, treeOf } from '../git-store.js';
import { branchJson, codeSearchItemJson, commitJson, contentJson, gitCommitJson, refJson, treeJson } from '../shapes-repos.js';
import type { FakeCommit, FakeFileChange, FakeRepo } from '../state.js';
import { sha as hash } from '../state.js';
import { ghError, notFound, paginate, withRepo, world } from '../world.js';

/** Fake GitHub routes for the repos toolset, following the REST API's documented shapes. */

const created = (location: string, body: unknown): FakeResponse => ({ status: 201, headers: { location }, body });
const validationFailed = (message: string, field?: string): FakeResponse =>
  ghError(422, message, field ? { errors: [{ resource: 'Reference', code: 'invalid', field }] } : {});

function getContents(request: FakeRequest, repo: FakeRepo): FakeResponse {
  const ref = request.query.get('ref');
  const files = filesAt(repo, ref);
  if (!files) return ghError(404, `No commit found for the ref ${ref}`);
  const path = (request.params.path ?? '').replace(/^\/+|\/+$/g, '');
  const refName = ref ?? repo.default_branch;
  const content = files[path];
  if (content !== undefined) return { body: contentJson(repo, path, refName, { type: 'file', content }, true) };
  const prefix = path ? `${path}/` : '';
  const children = new Map<string, 'file' | 'dir'>();
  for (const file of Object.keys(files)) {
    if (!file.startsWith(prefix)) continue;
    const [name, ...rest] = file.slice(prefix.length).split('/');
    children.set(name!, rest.length ? 'dir' : 'file');
  }
  if (!children.size) return notFound();
  const entries = [...children].sort(byName);
  return {
    body: entries.map(([name, type]) => {
      const child = `${prefix}${name}`;
      return contentJson(repo, child, refName, type === 'file' ? { type, content: files[child]! } : { type }, false);
    }),
  };
}

function listCommits(request: FakeRequest, repo: FakeRepo): FakeResponse {
  const start = request.query.get('sha') ?? repo.default_branch;
  const head = resolveRef(repo, start);
  if (!head) return ghError(404, 'Not Found');
  const path = request.query.get('path');
  const author = request.query.get('author')?.toLowerCase();
  const since = request.query.get('since');
  const until = request.query.get('until');
  const users = world().state.users;
  const commits = history(repo, head).filter(
    (commit) =>
      (!path || commit.files.some((file) => file.filename === path || file.filename.startsWith(`${path}/`))) &&
      (!author || commit.author.toLowerCase() === author || users[commit.author]?.email?.toLowerCase() === author) &&
      (!since || Date.parse(commit.date) >= Date.parse(since)) &&
      (!until || Date.parse(commit.date) <= Date.parse(until)),
  );
  return paginate(request, commits, (commit) => commitJson(repo, commit, undefined));
}

function getCommit(request: FakeRequest, repo: FakeRepo): FakeResponse {
  const ref = request.params.ref!;
  const commit = findCommit(repo, resolveRef(repo, ref === 'HEAD' ? repo.default_branch : ref) ?? ref);
  if (!commit) return ghError(422, `No commit found for SHA: ${ref}`);
  // The "sha" media type answers with the bare SHA as text.
  if (/\.sha\b/.test(String(request.headers.accept ?? '')))
    return { headers: { 'content-type': 'application/vnd.github.sha; charset=utf-8' }, body: commit.sha };
  // The files of one commit are paginated (per_page/page) and the Link header says so.
  return paginate(
    request,
    commit.files,
    (file) => file,
    (files) => commitJson(repo, commit, { files: files as FakeFileChange[] }),
  );
}

/** GitHub's code search over the default branches of the repositories the viewer can see. */
function searchCode(request: FakeRequest): FakeResponse {
  const q = request.query.get('q') ?? '';
  const qualifiers: Record<string, string[]> = {};
  const terms: string[] = [];
  for (const token of q.match(/"[^"]*"|\S+/g) ?? []) {
    const qualifier = /^(repo|org|user|path|language|extension|filename|in):(.+)$/.exec(token);
    if (qualifier) {
      const values = qualifiers[qualifier[1]!] ?? [];
      values.push(qualifier[2]!.toLowerCase());
      qualifiers[qualifier[1]!] = values;
    } else terms.push(token.replace(/^"|"$/g, ''));
  }
  if (!terms.length)
    return ghError(422, 'Validation Failed', {
      errors: [{ message: 'Must include at least one user, organization, or repository', resource: 'Search', field: 'q', code: 'invalid' }],
    });
  const { state } = world();
  const visible = state.repos.filter((repo) => !repo.private || repo.collaborators[state.viewer]);
  const scoped = visible.filter(
    (repo) =>
      (!qualifiers.repo || qualifiers.repo.includes(`${repo.owner}/${repo.name}`.toLowerCase())) &&
      (!qualifiers.org || qualifiers.org.includes(repo.owner.toLowerCase())) &&
      (!qualifiers.user || qualifiers.user.includes(repo.owner.toLowerCase())),
  );
  const extensionOf = (path: string) => path.split('.').at(-1)!.toLowerCase();
  const languages: Record<string, string[]> = { javascript: ['js', 'mjs', 'cjs'], typescript: ['ts'], markdown: ['md'], json: ['json'] };
  const hits = scoped.flatMap((repo) =>
    Object.entries(repo.files)
      .filter(
        ([path, content]) =>
          terms.every((term) => content.toLowerCase().includes(term.toLowerCase())) &&
          (!qualifiers.path || qualifiers.path.some((prefix) => path.toLowerCase().startsWith(prefix.replace(/^\//, '')))) &&
          (!qualifiers.extension || qualifiers.extension.includes(extensionOf(path))) &&
          (!qualifiers.filename || qualifiers.filename.includes(path.split('/').at(-1)!.toLowerCase())) &&
          (!qualifiers.language || qualifiers.language.some((language) => (languages[language] ?? [language]).includes(extensionOf(path)))),
      )
      .sort(byName)
      .map(([path, content]) => ({ repo, path, content })),
  );
  const textMatch = String(request.headers.accept ?? '').includes('text-match');
  return paginate(
    request,
    hits,
    ({ repo, path, content }) => {
      const term = terms[0]!;
      const line = content.split('\n').find((text) => text.toLowerCase().includes(term.toLowerCase())) ?? '';
      return codeSearchItemJson(repo, path, content, textMatch ? { text: line, term } : undefined);
    },
    (items) => ({ total_count: hits.length, incomplete_results: false, items }),
  );
}

function createTree(request: FakeRequest, repo: FakeRepo): FakeResponse {
  const body = request.json as { base_tree?: string; tree: Array<{ path: string; mode: string; type: string; sha?: string | null; content?: string }> };
  const store = gitStore(repo);
  const base = body.base_tree ? store.trees.get(body.base_tree) : {};
  if (!base) return ghError(422, 'base_tree is not a valid tree oid');
  const files = { ...base };
  for (const entry of body.tree) {
    if (entry.sha === null) delete files[entry.path];
    else if (entry.content !== undefined) files[entry.path] = entry.content;
    else if (entry.sha && store.blobs.has(entry.sha)) files[entry.path] = store.blobs.get(entry.sha)!;
    else return ghError(422, `tree.sha ${String(entry.sha)} is not a valid blob`);
  }
  const treeSha = putTree(repo, files);
  return created(`${world().url}/repos/${repo.owner}/${repo.name}/git/trees/${treeSha}`, treeJson(repo, treeSha, files));
}

/** The file changes between two snapshots, as a commit lists them (whole-file hunks). */
function changes(before: Record<string, string>, after: Record<string, string>): FakeFileChange[] {
  const lines = (text: string | undefined) => (text ? text.replace(/\n$/, '').split('\n') : []);
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.flatMap((filename): FakeFileChange[] => {
    const old = lines(before[filename]);
    const now = lines(after[filename]);
    if (before[filename] === after[filename]) return [];
    const status = before[filename] === undefined ? 'added' : after[filename] === undefined ? 'removed' : 'modified';
    const hunk = `@@ -${old.length ? 1 : 0},${old.length} +${now.length ? 1 : 0},${now.length} @@`;
    const patch = [hunk, ...old.map((line) => `-${line}`), ...now.map((line) => `+${line}`)].join('\n');
    return [{ filename, status, additions: now.length, deletions: old.length, patch }];
  });
}

function createCommit(request: FakeRequest, repo: FakeRepo): FakeResponse {
  const body = request.json as { message: string; tree: string; parents?: string[] };
  const store = gitStore(repo);
  const files = store.trees.get(body.tree);
  if (!files) return ghError(422, 'Tree SHA does not exist');
  const parents = body.parents ?? [];
  for (const parent of parents) if (!findCommit(repo, parent)) return ghError(422, 'Parent SHA does not exist or is not a commit object');
  const parentFiles = parents[0] ? (store.trees.get(treeOf(repo, parents[0])) ?? {}) : {};
  const { state } = world();
  const commit: FakeCommit = {
    sha: hash(`commit ${body.tree} ${parents.join(',')} ${body.message} ${state.nextId()}`),
    message: body.message,
    author: state.viewer,
    date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    parents,
    files: changes(parentFiles, files),
  };
  store.commitTree.set(commit.sha, body.tree);
  repo.commits.unshift(commit);
  return created(`${world().url}/repos/${repo.owner}/${repo.name}/git/commits/${commit.sha}`, gitCommitJson(repo, commit));
}

function moveBranch(repo: FakeRepo, name: string, target: string): void {
  const branch = repo.branches.find((candidate) => candidate.name === name)!;
  branch.sha = target;
  if (name === repo.default_branch) repo.files = gitStore(repo).trees.get(treeOf(repo, target)) ?? repo.files;
}

function updateRef(request: FakeRequest, repo: FakeRepo): FakeResponse {
  const ref = request.params.ref!.replace(/^refs\//, '');
  const body = request.json as { sha: string; force?: boolean };
  const name = ref.replace(/^heads\//, '');
  const branch = ref.startsWith('heads/') ? repo.branches.find((candidate) => candidate.name === name) : undefined;
  if (!branch) return validationFailed('Reference does not exist');
  if (!findCommit(repo, body.sha)) return validationFailed('Object does not exist');
  if (!body.force && !history(repo, body.sha).some((commit) => commit.sha === branch.sha)) return validationFailed('Update is not a fast forward');
  if (branch.protected && body.force) return ghError(422, 'Cannot force-push to this branch');
  moveBranch(repo, name, body.sha);
  return { body: refJson(repo, `refs/${ref}`, body.sha) };
}

function createRef(request: FakeRequest, repo: FakeRepo): FakeResponse {
  const body = request.json as { ref: string; sha: string };
  if (!/^refs\/[^/]+\/.+/.test(body.ref)) return validationFailed("Reference name must start with 'refs/' and have at least two slashes.", 'ref');
  const [, kind, name] = /^refs\/(heads|tags)\/(.+)$/.exec(body.ref) ?? [];
  if (!kind || !name) return validationFailed('Reference name is not supported by the fake', 'ref');
  if (!findCommit(repo, body.sha) && !repo.branches.some((branch) => branch.sha === body.sha)) return validationFailed('Object does not exist', 'sha');
  const list = kind === 'heads' ? repo.branches : repo.tags;
  if (list.some((item) => item.name === name)) return validationFailed('Reference already exists', 'ref');
  if (kind === 'heads') repo.branches.push({ name, sha: body.sha, protected: false });
  else repo.tags.unshift({ name, sha: body.sha });
  return created(`${world().url}/repos/${repo.owner}/${repo.name}/git/${body.ref}`, refJson(repo, body.ref, body.sha));
}

export const reposRoutes: Record<string, RouteHandler> = {
  'GET /repos/:owner/:repo/contents/:path*': withRepo(getContents),
  'GET /repos/:owner/:repo/commits': withRepo(listCommits),
  'GET /repos/:owner/:repo/commits/:ref': withRepo(getCommit),
  'GET /search/code': searchCode,
  'GET /repos/:owner/:repo/branches': withRepo((request, repo) => {
    const only = request.query.get('protected');
    const branches = only === null ? repo.branches : repo.branches.filter((branch) => branch.protected === (only === 'true'));
    return paginate(request, branches, (branch) => branchJson(repo, branch));
  }),
  'GET /repos/:owner/:repo/git/ref/:ref*': withRepo((request, repo) => {
    const ref = request.params.ref!;
    const [, kind, name] = /^(heads|tags)\/(.+)$/.exec(ref) ?? [];
    const target =
      kind === 'heads' ? repo.branches.find((branch) => branch.name === name) : kind === 'tags' ? repo.tags.find((tag) => tag.name === name) : undefined;
    return target ? { body: refJson(repo, `refs/${ref}`, target.sha) } : notFound();
  }),
  // A tree by SHA, or the root tree of a branch, tag, commit or HEAD (GitHub accepts those too).
  'GET /repos/:owner/:repo/git/trees/:tree_sha': withRepo((request, repo) => {
    const name = request.params.tree_sha!;
    const commitSha = resolveRef(repo, name === 'HEAD' ? repo.default_branch : name);
    const treeSha = commitSha ? treeOf(repo, commitSha) : name;
    const files = gitStore(repo).trees.get(treeSha);
    return files ? { body: treeJson(repo, treeSha, files) } : notFound();
  }),
  'GET /repos/:owner/:repo/git/commits/:commit_sha': withRepo((request, repo) => {
    const commit = findCommit(repo, request.params.commit_sha!);
    return commit ? { body: gitCommitJson(repo, commit) } : notFound();
  }),
  'POST /repos/:owner/:repo/git/blobs': withRepo((request, repo) => {
    const body = request.json as { content: string; encoding?: string };
    const content = body.encoding === 'base64' ? Buffer.from(body.content, 'base64').toString('utf8') : body.content;
    const blob = blobSha(content);
    gitStore(repo).blobs.set(blob, content);
    const url = `${world().url}/repos/${repo.owner}/${repo.name}/git/blobs/${blob}`;
    return created(url, { url, sha: blob });
  }),
  'POST /repos/:owner/:repo/git/trees': withRepo(createTree),
  'POST /repos/:owner/:repo/git/commits': withRepo(createCommit),
  'PATCH /repos/:owner/:repo/git/refs/:ref*': withRepo(updateRef),
  'POST /repos/:owner/:repo/git/refs': withRepo(createRef),
};

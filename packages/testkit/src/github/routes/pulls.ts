import type { RouteHandler } from '../../fake/index.js';
import { checkRunJson, pullJson, reviewJson } from '../shapes.js';
import { type FakePull, type FakeRepo, type FakeReview, isoNow, newIssueBase, sha } from '../state.js';
import { ghError, notFound, paginate, withRepo, world } from '../world.js';
import { sortItems } from './issues.js';

/** Fake GitHub routes for the pulls toolset, following the REST API's documented shapes. */

const now = () => isoNow();
const findPull = (repo: FakeRepo, number: string | undefined) => repo.pulls.find((pull) => pull.number === Number(number));
const validationFailed = (message: string, field: string) =>
  ghError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field, code: 'custom', message }] });

/** The lines of a patch a review comment may target on the RIGHT side (new file lines). */
function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  let line = 0;
  for (const text of (patch ?? '').split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(text);
    if (hunk) {
      line = Number(hunk[1]);
      continue;
    }
    if (text.startsWith('-')) continue;
    lines.add(line);
    line += 1;
  }
  return lines;
}

export const pullsRoutes: Record<string, RouteHandler> = {
  'GET /repos/:owner/:repo/pulls': withRepo((request, repo) => {
    const query = request.query;
    const state = query.get('state') ?? 'open';
    const head = query.get('head');
    const base = query.get('base');
    const pulls = repo.pulls.filter(
      (pull) =>
        (state === 'all' || pull.state === state) &&
        (!head || `${repo.owner}:${pull.head.ref}` === head || pull.head.ref === head) &&
        (!base || pull.base.ref === base),
    );
    const sort = query.get('sort');
    return paginate(request, sortItems(pulls, sort === 'popularity' || sort === 'long-running' ? 'created' : sort, query.get('direction')), (pull) =>
      pullJson(repo, pull, false),
    );
  }),

  'POST /repos/:owner/:repo/pulls': withRepo((request, repo) => {
    const { state } = world();
    const body = request.json as { title?: string; head: string; base: string; body?: string; draft?: boolean };
    const headRef = body.head.includes(':') ? body.head.split(':')[1]! : body.head;
    const head = repo.branches.find((branch) => branch.name === headRef);
    const base = repo.branches.find((branch) => branch.name === body.base);
    if (!head) return validationFailed(`head: branch ${headRef} does not exist`, 'head');
    if (!base) return validationFailed(`base: branch ${body.base} does not exist`, 'base');
    if (repo.pulls.some((pull) => pull.state === 'open' && pull.head.ref === headRef && pull.base.ref === body.base)) {
      return validationFailed(`A pull request already exists for ${repo.owner}:${headRef}.`, 'head');
    }
    if (head.sha === base.sha) return validationFailed(`No commits between ${body.base} and ${headRef}`, 'head');
    const pull: FakePull = {
      ...newIssueBase({ id: state.nextId(), number: state.nextNumber(repo), title: body.title ?? headRef, user: state.viewer, body: body.body ?? null }),
      head: { ref: headRef, sha: head.sha },
      base: { ref: base.name, sha: base.sha },
      draft: Boolean(body.draft),
      merged_at: null,
      merged_by: null,
      merge_commit_sha: null,
      mergeable: true,
      files: [],
      reviews: [],
      requested_reviewers: [],
      commits: 1,
    };
    repo.pulls.push(pull);
    return { status: 201, body: pullJson(repo, pull, true), headers: { location: `${world().url}/repos/${repo.owner}/${repo.name}/pulls/${pull.number}` } };
  }),

  'GET /repos/:owner/:repo/pulls/:pull_number': withRepo((request, repo) => {
    const pull = findPull(repo, request.params.pull_number);
    return pull ? { body: pullJson(repo, pull, true) } : notFound();
  }),

  'GET /repos/:owner/:repo/pulls/:pull_number/files': withRepo((request, repo) => {
    const pull = findPull(repo, request.params.pull_number);
    if (!pull) return notFound();
    const web = `https://github.com/${repo.owner}/${repo.name}`;
    return paginate(request, pull.files, (file) => ({
      sha: sha(`${pull.head.sha}:${file.filename}`),
      filename: file.filename,
      status: file.status,
      additions: file.additions,
      deletions: file.deletions,
      changes: file.additions + file.deletions,
      blob_url: `${web}/blob/${pull.head.sha}/${file.filename}`,
      raw_url: `${web}/raw/${pull.head.sha}/${file.filename}`,
      contents_url: `${world().url}/repos/${repo.owner}/${repo.name}/contents/${file.filename}?ref=${pull.head.sha}`,
      ...(file.patch === undefined ? {} : { patch: file.patch }),
    }));
  }),

  'GET /repos/:owner/:repo/pulls/:pull_number/reviews': withRepo((request, repo) => {
    const pull = findPull(repo, request.params.pull_number);
    if (!pull) return notFound();
    return paginate(request, pull.reviews, (review) => reviewJson(repo, pull, review));
  }),

  'POST /repos/:owner/:repo/pulls/:pull_number/reviews': withRepo((request, repo) => {
    const pull = findPull(repo, request.params.pull_number);
    if (!pull) return notFound();
    const { state } = world();
    const body = request.json as {
      event?: string;
      body?: string;
      commit_id?: string;
      comments?: Array<{ path: string; line?: number; side?: string; body: string }>;
    };
    if (pull.state === 'closed') return ghError(422, 'Unprocessable Entity', { errors: ['Can not review a closed pull request'] });
    if ((body.event === 'REQUEST_CHANGES' || body.event === 'COMMENT') && !body.body && !body.comments?.length) {
      return ghError(422, 'Unprocessable Entity', { errors: [`Review Body can't be blank when using ${body.event}`] });
    }
    if (body.event && body.event !== 'COMMENT' && pull.user === state.viewer) {
      return ghError(422, 'Unprocessable Entity', { errors: [`Can not ${body.event === 'APPROVE' ? 'approve' : 'request changes on'} your own pull request`] });
    }
    for (const comment of body.comments ?? []) {
      const file = pull.files.find((candidate) => candidate.filename === comment.path);
      if (!file) return ghError(422, 'Unprocessable Entity', { errors: ['Path could not be resolved'] });
      if (comment.line !== undefined && !commentableLines(file.patch).has(comment.line)) {
        return ghError(422, 'Unprocessable Entity', { errors: ['Line could not be resolved'] });
      }
    }
    const review: FakeReview = {
      id: state.nextId(),
      user: state.viewer,
      state:
        body.event === 'APPROVE' ? 'APPROVED' : body.event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : body.event === 'COMMENT' ? 'COMMENTED' : 'PENDING',
      body: body.body ?? '',
      commit_id: body.commit_id ?? pull.head.sha,
      submitted_at: now(),
      comments: (body.comments ?? []).map((comment) => ({
        id: state.nextId(),
        path: comment.path,
        line: comment.line ?? 1,
        side: comment.side === 'LEFT' ? 'LEFT' : 'RIGHT',
        body: comment.body,
      })),
    };
    pull.reviews.push(review);
    return { body: reviewJson(repo, pull, review) };
  }),

  'PUT /repos/:owner/:repo/pulls/:pull_number/merge': withRepo((request, repo) => {
    const pull = findPull(repo, request.params.pull_number);
    if (!pull) return notFound();
    const { state } = world();
    const body = (request.json ?? {}) as { sha?: string; merge_method?: string; commit_title?: string };
    if (pull.merged_at) return ghError(405, 'Pull Request is not mergeable');
    if (pull.state === 'closed' || !pull.mergeable) return ghError(405, 'Pull Request is not mergeable');
    if (body.sha && body.sha !== pull.head.sha) return ghError(409, 'Head branch was modified. Review and try the merge again.');
    const mergeSha = sha(`merge:${repo.name}:${pull.number}`);
    Object.assign(pull, {
      state: 'closed',
      merged_at: now(),
      closed_at: now(),
      merged_by: state.viewer,
      merge_commit_sha: mergeSha,
      mergeable: null,
      updated_at: now(),
    });
    const main = repo.branches.find((branch) => branch.name === pull.base.ref);
    if (main) main.sha = mergeSha;
    repo.commits.unshift({
      sha: mergeSha,
      message: body.commit_title ?? `Merge pull request #${pull.number}`,
      author: state.viewer,
      date: now(),
      parents: [pull.base.sha, pull.head.sha],
      files: pull.files,
    });
    return { body: { sha: mergeSha, merged: true, message: 'Pull Request successfully merged' } };
  }),

  'GET /repos/:owner/:repo/commits/:ref/check-runs': withRepo((request, repo) => {
    const ref = request.params.ref!;
    const headSha = repo.branches.find((branch) => branch.name === ref)?.sha ?? ref;
    const runs = repo.checkRuns.filter((run) => run.head_sha === headSha);
    return paginate(
      request,
      runs,
      (run) => checkRunJson(repo, run),
      (checkRuns) => ({ total_count: runs.length, check_runs: checkRuns }),
    );
  }),
};

import type { FakeRequest, FakeResponse, RouteHandler } from '../../fake/index.js';
import { blobStorage } from '../blob-storage.js';
import { findCommit, resolveRef, treeOf } from '../git-store.js';
import { hasPush, repoJson, userJson } from '../shapes.js';
import { gitActor } from '../shapes-repos.js';
import type { FakeJob, FakeRepo, FakeWorkflowRun } from '../state.js';
import { ghError, notFound, paginate, withRepo, world } from '../world.js';

/** Fake GitHub routes for the actions toolset, following the REST API's documented shapes. */

const WEB = 'https://github.com';
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const api = (repo: FakeRepo) => `${world().url}/repos/${repo.owner}/${repo.name}`;

/** What GitHub shows as a run's title: the PR title for pull_request runs, else the head commit's subject. */
function displayTitle(repo: FakeRepo, run: FakeWorkflowRun): string {
  const pull = repo.pulls.find((candidate) => candidate.head.sha === run.head_sha);
  if (run.event === 'pull_request' && pull) return pull.title;
  return findCommit(repo, run.head_sha)?.message.split('\n')[0] ?? run.name;
}

function runJson(repo: FakeRepo, run: FakeWorkflowRun): Record<string, unknown> {
  const base = `${api(repo)}/actions/runs/${run.id}`;
  const workflow = repo.workflows.find((candidate) => candidate.id === run.workflow_id);
  const commit = findCommit(repo, run.head_sha);
  const author = gitActor(commit?.author ?? run.actor, commit?.date ?? run.created_at);
  const minimal = repoJson(repo);
  return {
    id: run.id,
    name: run.name,
    node_id: Buffer.from(`WorkflowRun:${run.id}`).toString('base64'),
    check_suite_id: run.id + 1,
    head_branch: run.head_branch,
    head_sha: run.head_sha,
    path: workflow?.path ?? '.github/workflows/ci.yml',
    display_title: displayTitle(repo, run),
    run_number: run.run_number,
    run_attempt: run.run_attempt,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflow_id,
    url: base,
    html_url: `${WEB}/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.created_at,
    updated_at: run.updated_at,
    run_started_at: run.created_at,
    actor: userJson(run.actor),
    triggering_actor: userJson(run.actor),
    jobs_url: `${base}/jobs`,
    logs_url: `${base}/logs`,
    check_suite_url: `${api(repo)}/check-suites/${run.id + 1}`,
    artifacts_url: `${base}/artifacts`,
    cancel_url: `${base}/cancel`,
    rerun_url: `${base}/rerun`,
    previous_attempt_url: run.run_attempt > 1 ? `${base}/attempts/${run.run_attempt - 1}` : null,
    workflow_url: `${api(repo)}/actions/workflows/${run.workflow_id}`,
    head_commit: {
      id: run.head_sha,
      tree_id: treeOf(repo, run.head_sha),
      message: commit?.message ?? displayTitle(repo, run),
      timestamp: author.date,
      author: { name: author.name, email: author.email },
      committer: { name: author.name, email: author.email },
    },
    repository: minimal,
    head_repository: minimal,
  };
}

function jobJson(repo: FakeRepo, job: FakeJob): Record<string, unknown> {
  const run = repo.runs.find((candidate) => candidate.id === job.run_id)!;
  return {
    id: job.id,
    run_id: job.run_id,
    run_url: `${api(repo)}/actions/runs/${job.run_id}`,
    run_attempt: run.run_attempt,
    node_id: Buffer.from(`Job:${job.id}`).toString('base64'),
    head_sha: run.head_sha,
    url: `${api(repo)}/actions/jobs/${job.id}`,
    html_url: `${WEB}/${repo.owner}/${repo.name}/actions/runs/${job.run_id}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.started_at,
    started_at: job.started_at,
    completed_at: job.completed_at,
    name: job.name,
    steps: job.steps.map((step) => ({ ...step })),
    check_run_url: `${api(repo)}/check-runs/${job.id}`,
    labels: ['ubuntu-latest'],
    runner_id: 7,
    runner_name: 'GitHub Actions 7',
    runner_group_id: 2,
    runner_group_name: 'GitHub Actions',
    workflow_name: run.name,
    head_branch: run.head_branch,
  };
}

/** The `status` filter takes a status or a conclusion. */
function listRuns(request: FakeRequest, repo: FakeRepo, runs: FakeWorkflowRun[]): FakeResponse {
  const { branch, event, actor, status } = Object.fromEntries(['branch', 'event', 'actor', 'status'].map((key) => [key, request.query.get(key)]));
  const picked = runs
    .filter(
      (run) =>
        (!branch || run.head_branch === branch) &&
        (!event || run.event === event) &&
        (!actor || run.actor === actor) &&
        (!status || run.status === status || run.conclusion === status),
    )
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  return paginate(
    request,
    picked,
    (run) => runJson(repo, run),
    (page) => ({ total_count: picked.length, workflow_runs: page }),
  );
}

const findWorkflow = (repo: FakeRepo, id: string) => repo.workflows.find((workflow) => String(workflow.id) === id || workflow.path.split('/').at(-1) === id);
const findRun = (repo: FakeRepo, id: string | undefined) => repo.runs.find((run) => String(run.id) === id);
const findJob = (repo: FakeRepo, id: string | undefined) => repo.jobs.find((job) => String(job.id) === id);

function rerun(failedOnly: boolean): RouteHandler {
  return withRepo((request, repo) => {
    if (!hasPush(repo.collaborators[world().state.viewer])) return ghError(403, 'Resource not accessible by personal access token');
    const run = findRun(repo, request.params.run_id);
    if (!run) return notFound();
    if (run.status !== 'completed') return ghError(403, 'This workflow is already running');
    const jobs = repo.jobs.filter((job) => job.run_id === run.id && (!failedOnly || job.conclusion === 'failure'));
    if (failedOnly && !jobs.length) return ghError(403, 'There are no failed jobs to re-run');
    run.status = 'queued';
    run.conclusion = null;
    run.run_attempt += 1;
    run.updated_at = now();
    for (const job of jobs) Object.assign(job, { status: 'queued', conclusion: null, completed_at: null });
    return { status: 201, body: {} };
  });
}

function dispatch(request: FakeRequest, repo: FakeRepo): FakeResponse {
  const { state } = world();
  if (!hasPush(repo.collaborators[state.viewer])) return ghError(403, 'Resource not accessible by personal access token');
  const workflow = findWorkflow(repo, request.params.workflow_id!);
  if (!workflow) return notFound();
  const body = request.json as { ref: string; inputs?: Record<string, unknown>; return_run_details?: boolean };
  const sha = resolveRef(repo, body.ref);
  if (!sha) return ghError(422, `No ref found for: ${body.ref}`);
  const run: FakeWorkflowRun = {
    id: state.nextId(),
    workflow_id: workflow.id,
    name: workflow.name,
    head_branch: body.ref.replace(/^refs\/(heads|tags)\//, ''),
    head_sha: sha,
    event: 'workflow_dispatch',
    status: 'queued',
    conclusion: null,
    run_number: Math.max(0, ...repo.runs.map((item) => item.run_number)) + 1,
    run_attempt: 1,
    actor: state.viewer,
    created_at: now(),
    updated_at: now(),
  };
  repo.runs.unshift(run);
  if (!body.return_run_details) return { status: 204 };
  return {
    body: { workflow_run_id: run.id, run_url: `${api(repo)}/actions/runs/${run.id}`, html_url: `${WEB}/${repo.owner}/${repo.name}/actions/runs/${run.id}` },
  };
}

export const actionsRoutes: Record<string, RouteHandler> = {
  'GET /repos/:owner/:repo/actions/runs': withRepo((request, repo) => listRuns(request, repo, repo.runs)),
  'GET /repos/:owner/:repo/actions/workflows/:workflow_id/runs': withRepo((request, repo) => {
    const workflow = findWorkflow(repo, request.params.workflow_id!);
    return workflow
      ? listRuns(
          request,
          repo,
          repo.runs.filter((run) => run.workflow_id === workflow.id),
        )
      : notFound();
  }),
  'GET /repos/:owner/:repo/actions/runs/:run_id': withRepo((request, repo) => {
    const run = findRun(repo, request.params.run_id);
    return run ? { body: runJson(repo, run) } : notFound();
  }),
  'GET /repos/:owner/:repo/actions/runs/:run_id/jobs': withRepo((request, repo) => {
    const run = findRun(repo, request.params.run_id);
    if (!run) return notFound();
    const jobs = repo.jobs.filter((job) => job.run_id === run.id);
    return paginate(
      request,
      jobs,
      (job) => jobJson(repo, job),
      (page) => ({ total_count: jobs.length, jobs: page }),
    );
  }),
  'GET /repos/:owner/:repo/actions/jobs/:job_id': withRepo((request, repo) => {
    const job = findJob(repo, request.params.job_id);
    return job ? { body: jobJson(repo, job) } : notFound();
  }),
  // GitHub answers with a short-lived redirect to blob storage on another origin.
  'GET /repos/:owner/:repo/actions/jobs/:job_id/logs': withRepo(async (request, repo) => {
    const job = findJob(repo, request.params.job_id);
    if (!job) return notFound();
    const storage = await blobStorage();
    return { status: 302, headers: { location: storage.put(job.log) } };
  }),
  'POST /repos/:owner/:repo/actions/runs/:run_id/rerun': rerun(false),
  'POST /repos/:owner/:repo/actions/runs/:run_id/rerun-failed-jobs': rerun(true),
  'POST /repos/:owner/:repo/actions/workflows/:workflow_id/dispatches': withRepo(dispatch),
};

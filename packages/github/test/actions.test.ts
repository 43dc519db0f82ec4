import { records } from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import { openSession, REPO, useFreshSession } from './support/session.js';

// Job logs live in blob storage on another origin (a second loopback port here), which must be allowed.
const current = useFreshSession({ env: { TOOLBRIDGE_ALLOWED_DOMAINS: '127.0.0.1' } });

const repoState = () => current().fake.state.repo('octo-org', 'hello-world')!;
const failedRun = () => repoState().runs.find((run) => run.conclusion === 'failure')!;
const failedJob = () => repoState().jobs.find((job) => job.conclusion === 'failure')!;

describe('github_list_workflow_runs', () => {
  it('lists runs newest first with fenced titles, paged and filtered', async () => {
    const page = await current().ok('github_list_workflow_runs', { ...REPO, per_page: 1 });
    expect(page.total_count).toBe(2);
    expect(records(page.runs)).toEqual([
      {
        id: failedRun().id,
        workflow: 'CI',
        title: `<untrusted-content source="run ${failedRun().id} title by @octocat">\nUpdate README\n</untrusted-content>`,
        status: 'completed',
        conclusion: 'failure',
        branch: 'update-readme',
        event: 'pull_request',
        actor: 'octocat',
        run_number: 42,
        attempt: 1,
        created_at: expect.any(String),
      },
    ]);
    expect(page.next_cursor).toBe('2');
    const next = await current().ok('github_list_workflow_runs', { ...REPO, per_page: 1, cursor: '2' });
    expect(records(next.runs).map((run: { run_number: number }) => run.run_number)).toEqual([41]);
    expect(next.next_cursor).toBeUndefined();
    const failures = await current().ok('github_list_workflow_runs', { ...REPO, status: 'failure' });
    expect(records(failures.runs).map((run: { run_number: number }) => run.run_number)).toEqual([42]);
    const ofWorkflow = await current().ok('github_list_workflow_runs', { ...REPO, workflow: 'ci.yml', branch: 'main' });
    expect(records(ofWorkflow.runs).map((run: { run_number: number }) => run.run_number)).toEqual([41]);
    expect(current().fake.requests.some((request) => request.path.endsWith('/actions/workflows/ci.yml/runs'))).toBe(true);
    expect(current().fake.problems).toEqual([]);
  });
});

describe('github_list_workflow_runs with --lockdown', () => {
  it('hides the titles of runs by actors without push access on a public repository', async () => {
    const locked = await openSession({ args: ['--toolsets', 'actions', '--lockdown'] });
    try {
      const repo = locked.fake.state.repo('octo-org', 'hello-world')!;
      const outsiderRun = repo.runs.find((run) => run.conclusion === 'failure')!;
      outsiderRun.actor = 'drive-by-dan';
      const page = await locked.ok('github_list_workflow_runs', { ...REPO });
      expect(records(page.runs).map((run: { title: string }) => run.title)).toEqual([
        `[hidden by lockdown: run ${outsiderRun.id} title by @drive-by-dan, who has no push access to octo-org/hello-world]`,
        expect.stringContaining('Fix typo in docs'),
      ]);
      const one = await locked.ok('github_get_workflow_run', { ...REPO, run_id: outsiderRun.id });
      expect(one.title).toMatch(/^\[hidden by lockdown/);
      expect(locked.fake.problems).toEqual([]);
    } finally {
      await locked.close();
    }
  });
});

describe('github_get_workflow_run', () => {
  it('returns the run with its jobs and the failed step', async () => {
    const run = await current().ok('github_get_workflow_run', { ...REPO, run_id: failedRun().id });
    expect(run).toMatchObject({
      id: failedRun().id,
      conclusion: 'failure',
      sha: failedRun().head_sha,
      html_url: expect.stringContaining(`/actions/runs/${failedRun().id}`),
      jobs_total: 1,
    });
    expect(records(run.jobs)).toEqual([
      {
        id: failedJob().id,
        name: 'test',
        status: 'completed',
        conclusion: 'failure',
        started_at: expect.any(String),
        completed_at: expect.any(String),
        failed_steps: [{ number: 2, name: 'Run npm test' }],
      },
    ]);
    expect(current().fake.problems).toEqual([]);
  });
});

describe('github_get_job_logs', () => {
  // The blob storage refuses requests carrying the token, so a result proves it was not forwarded.
  it('follows the redirect to blob storage (without the token) and returns the tail of the failed step without timestamps', async () => {
    const logs = await current().ok('github_get_job_logs', { ...REPO, job_id: failedJob().id, tail_lines: 5 });
    expect(logs.jobs).toHaveLength(1);
    const job = logs.jobs[0];
    // 209 lines; the failing step ends with its ##[error] on line 206; cleanup after it is dropped.
    expect(job).toMatchObject({ job_id: failedJob().id, name: 'test', conclusion: 'failure', failed_step: 'Run npm test', lines: '202-206 of 209' });
    expect(job.errors).toBe(`<untrusted-content source="log of job ${failedJob().id}">\nProcess completed with exit code 1.\n</untrusted-content>`);
    expect(job.log).toContain('ok 200 - case 200\nnot ok 201 - README link check\n##[error]Process completed with exit code 1.');
    expect(job.log).not.toContain('ok 197 ');
    expect(job.log).not.toContain('Post job cleanup');
    expect(job.log).not.toMatch(/\d{4}-\d\d-\d\dT/);
    const logRequest = current().fake.requests.find((request) => request.path.endsWith(`/actions/jobs/${failedJob().id}/logs`));
    expect(logRequest).toBeDefined();
    expect(current().fake.problems).toEqual([]);
  });

  it('stops at the start of the failed step and caps characters, keeping the end', async () => {
    const whole = await current().ok('github_get_job_logs', { ...REPO, job_id: failedJob().id, tail_lines: 1000 });
    expect(whole.jobs[0].lines).toBe('4-206 of 209');
    expect(whole.jobs[0].log).toContain('\n##[group]Run npm test\nok 1 - case 1\n');
    expect(whole.jobs[0].log).not.toContain('Runner version');
    const capped = await current().ok('github_get_job_logs', { ...REPO, job_id: failedJob().id, tail_lines: 1000, max_chars: 500 });
    const text = capped.jobs[0].log.replace(/^<untrusted-content[^>]*>\n|\n<\/untrusted-content>$/g, '');
    expect(text.length).toBeLessThanOrEqual(500);
    expect(text.endsWith('##[error]Process completed with exit code 1.')).toBe(true);
  });

  it('finds the failed jobs of a run, and needs exactly one of job_id and run_id', async () => {
    const logs = await current().ok('github_get_job_logs', { ...REPO, run_id: failedRun().id, tail_lines: 3 });
    expect(logs.failed_jobs_total).toBe(1);
    expect(logs.jobs.map((job: { job_id: number }) => job.job_id)).toEqual([failedJob().id]);
    const neither = await current().server.call('github_get_job_logs', { ...REPO });
    expect(neither.isError).toBe(true);
    expect(neither.text).toMatch(/exactly one of job_id or run_id/);
    expect(current().fake.problems).toEqual([]);
  });
});

describe('github_rerun_workflow', () => {
  it('re-runs the failed jobs of a completed run, and refuses while it runs', async () => {
    const run = failedRun();
    const result = await current().ok('github_rerun_workflow', { ...REPO, run_id: run.id, failed_only: true });
    expect(result).toEqual({ run_id: run.id, rerun: 'failed_jobs', requested: true });
    expect(current().fake.requests.at(-1)).toMatchObject({ method: 'POST', path: `/repos/octo-org/hello-world/actions/runs/${run.id}/rerun-failed-jobs` });
    expect(run).toMatchObject({ status: 'queued', conclusion: null, run_attempt: 2 });
    const again = await current().server.call('github_rerun_workflow', { ...REPO, run_id: run.id });
    expect(again.isError).toBe(true);
    expect(again.text).toMatch(/403.*already running/);
    expect(current().fake.problems).toEqual([]);
  });

  it('re-runs every job', async () => {
    const good = repoState().runs.find((run) => run.conclusion === 'success')!;
    const result = await current().ok('github_rerun_workflow', { ...REPO, run_id: good.id, debug_logging: true });
    expect(result.rerun).toBe('all_jobs');
    expect(current().fake.requests.at(-1)).toMatchObject({
      path: `/repos/octo-org/hello-world/actions/runs/${good.id}/rerun`,
      json: { enable_debug_logging: true },
    });
    expect(current().fake.problems).toEqual([]);
  });
});

describe('github_dispatch_workflow', () => {
  it('dispatches on the default branch with inputs and returns the new run', async () => {
    const result = await current().ok('github_dispatch_workflow', { ...REPO, workflow: 'ci.yml', inputs: { level: 'full', dry_run: true } });
    const created = repoState().runs[0]!;
    expect(created).toMatchObject({ event: 'workflow_dispatch', head_branch: 'main', status: 'queued' });
    expect(result).toEqual({ workflow: 'ci.yml', ref: 'main', run_id: created.id, html_url: expect.stringContaining(`/actions/runs/${created.id}`) });
    const post = current().fake.requests.find((request) => request.path.endsWith('/dispatches'));
    expect(post?.json).toEqual({ ref: 'main', inputs: { level: 'full', dry_run: true }, return_run_details: true });
    expect(current().fake.problems).toEqual([]);
  });

  it('dispatches on GitHub Enterprise Server without asking for run details (it does not know them)', async () => {
    const enterprise = await openSession({ enterprise: true, args: ['--toolsets', 'actions'] });
    try {
      const result = await enterprise.ok('github_dispatch_workflow', { ...REPO, workflow: 'ci.yml', ref: 'main' });
      expect(result).toEqual({ workflow: 'ci.yml', ref: 'main' });
      const post = enterprise.fake.requests.find((request) => request.path.endsWith('/dispatches'));
      expect(post).toMatchObject({ path: '/api/v3/repos/octo-org/hello-world/actions/workflows/ci.yml/dispatches', json: { ref: 'main' } });
      expect(enterprise.fake.problems).toEqual([]);
    } finally {
      await enterprise.close();
    }
  });

  it('reports an unknown ref', async () => {
    const result = await current().server.call('github_dispatch_workflow', { ...REPO, workflow: 'ci.yml', ref: 'nope' });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/422.*No ref found for: nope/);
  });
});

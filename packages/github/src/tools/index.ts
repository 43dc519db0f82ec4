import { addComment } from './add-comment.js';
import { createBranch } from './create-branch.js';
import { createCommit } from './create-commit.js';
import { createIssue } from './create-issue.js';
import { createPullRequest } from './create-pull-request.js';
import { createRelease } from './create-release.js';
import { createReview } from './create-review.js';
import { dispatchWorkflow } from './dispatch-workflow.js';
import { getActivitySummary } from './get-activity-summary.js';
import { getCommit } from './get-commit.js';
import { getDeploymentFrequency } from './get-deployment-frequency.js';
import { getFile } from './get-file.js';
import { getIssue } from './get-issue.js';
import { getIssues } from './get-issues.js';
import { getJobLogs } from './get-job-logs.js';
import { getLatestRelease } from './get-latest-release.js';
import { getMe } from './get-me.js';
import { getPullRequest } from './get-pull-request.js';
import { getPullRequestDiff } from './get-pull-request-diff.js';
import { getReviewMetrics } from './get-review-metrics.js';
import { getWorkflowRun } from './get-workflow-run.js';
import { listBranches } from './list-branches.js';
import { listComments } from './list-comments.js';
import { listCommits } from './list-commits.js';
import { listIssues } from './list-issues.js';
import { listPullRequests } from './list-pull-requests.js';
import { listReleases } from './list-releases.js';
import { listWorkflowRuns } from './list-workflow-runs.js';
import { mergePullRequest } from './merge-pull-request.js';
import { rerunWorkflow } from './rerun-workflow.js';
import { searchCode } from './search-code.js';
import { searchIssues } from './search-issues.js';
import { updateIssue } from './update-issue.js';

/** Every tool of the server; each names its toolset (declared in index.ts). */
export const tools = [
  getIssue,
  getIssues,
  listIssues,
  searchIssues,
  listComments,
  createIssue,
  updateIssue,
  addComment,
  getPullRequest,
  listPullRequests,
  getPullRequestDiff,
  createPullRequest,
  createReview,
  mergePullRequest,
  getFile,
  listCommits,
  getCommit,
  searchCode,
  listBranches,
  createCommit,
  createBranch,
  listReleases,
  getLatestRelease,
  createRelease,
  listWorkflowRuns,
  getWorkflowRun,
  getJobLogs,
  rerunWorkflow,
  dispatchWorkflow,
  getActivitySummary,
  getReviewMetrics,
  getDeploymentFrequency,
  getMe,
];

import { addComment } from './add-comment.js';
import { createIssue } from './create-issue.js';
import { getIssue } from './get-issue.js';
import { getIssuesForRelease } from './get-issues-for-release.js';
import { getProject } from './get-project.js';
import { getTeamProgress } from './get-team-progress.js';
import { getTeamVelocity } from './get-team-velocity.js';
import { getWorkspace } from './get-workspace.js';
import { listComments } from './list-comments.js';
import { listProjects } from './list-projects.js';
import { searchIssues } from './search-issues.js';
import { updateIssue } from './update-issue.js';
import { updateProjectStatus } from './update-project-status.js';

/** Every tool of the server; each names its toolset (declared in index.ts). */
export const tools = [
  getWorkspace,
  getIssue,
  searchIssues,
  createIssue,
  updateIssue,
  addComment,
  listComments,
  listProjects,
  getProject,
  updateProjectStatus,
  getTeamProgress,
  getTeamVelocity,
  getIssuesForRelease,
];

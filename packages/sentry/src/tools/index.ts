import { getErrorDetails } from './get-error-details.js';
import { getEvent } from './get-event.js';
import { getProjectHealth } from './get-project-health.js';
import { getRelease } from './get-release.js';
import { getUserFeedback } from './get-user-feedback.js';
import { listIssueEvents } from './list-issue-events.js';
import { listProjects } from './list-projects.js';
import { listReleases } from './list-releases.js';
import { searchErrors } from './search-errors.js';
import { updateIssue } from './update-issue.js';

/** Every tool of the server; each names its toolset (declared in index.ts). */
export const tools = [
  searchErrors,
  getErrorDetails,
  getEvent,
  listIssueEvents,
  updateIssue,
  getUserFeedback,
  getProjectHealth,
  listProjects,
  listReleases,
  getRelease,
];

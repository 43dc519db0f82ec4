import type { ToolDefinition } from '@toolbridge/core';
import { createPullRequest } from '../tools/create-pull-request.js';
import { createReview } from '../tools/create-review.js';
import { getPullRequest } from '../tools/get-pull-request.js';
import { getPullRequestDiff } from '../tools/get-pull-request-diff.js';
import { listPullRequests } from '../tools/list-pull-requests.js';
import { mergePullRequest } from '../tools/merge-pull-request.js';

export const pullsTools: ToolDefinition<any, any, any>[] = [
  getPullRequest,
  listPullRequests,
  getPullRequestDiff,
  createPullRequest,
  createReview,
  mergePullRequest,
];

import type { ToolDefinition } from '@toolbridge/core';
import { addComment } from '../tools/add-comment.js';
import { createIssue } from '../tools/create-issue.js';
import { getIssue } from '../tools/get-issue.js';
import { getIssues } from '../tools/get-issues.js';
import { listComments } from '../tools/list-comments.js';
import { listIssues } from '../tools/list-issues.js';
import { searchIssues } from '../tools/search-issues.js';
import { updateIssue } from '../tools/update-issue.js';

export const issuesTools: ToolDefinition<any, any, any>[] = [getIssue, getIssues, listIssues, searchIssues, listComments, createIssue, updateIssue, addComment];

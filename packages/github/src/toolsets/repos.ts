import type { ToolDefinition } from '@toolbridge/core';
import { createBranch } from '../tools/create-branch.js';
import { createCommit } from '../tools/create-commit.js';
import { getCommit } from '../tools/get-commit.js';
import { getFile } from '../tools/get-file.js';
import { listBranches } from '../tools/list-branches.js';
import { listCommits } from '../tools/list-commits.js';
import { searchCode } from '../tools/search-code.js';

export const reposTools: ToolDefinition<any, any, any>[] = [getFile, listCommits, getCommit, searchCode, listBranches, createCommit, createBranch];

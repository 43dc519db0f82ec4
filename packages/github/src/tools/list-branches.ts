import { annotations, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { cursorInput, nextCursorFromLink, nextCursorOutput, pageFromCursor, perPageInput } from '../lib/pagination.js';
import { repoInput } from '../lib/repo-input.js';

const branchTable = tableOf(() => z.object({ name: z.string(), sha: z.string(), protected: z.boolean() }));

export const listBranches = defineTool({
  name: 'github_list_branches',
  title: 'List branches',
  description: 'Branches of a repository with head SHA and protection flag.',
  toolset: 'repos',
  input: () =>
    z.object({
      ...repoInput,
      protected: z.boolean().optional().describe('Only protected (true) or unprotected (false) branches'),
      per_page: perPageInput(30),
      cursor: cursorInput,
    }),
  output: () =>
    z.object({
      branches: branchTable.schema,
      next_cursor: nextCursorOutput,
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const response = await rest.repos.listBranches({
      owner,
      repo,
      per_page: input.per_page,
      page: pageFromCursor(input.cursor),
      ...(input.protected === undefined ? {} : { protected: input.protected }),
    });
    return {
      branches: branchTable.of(response.data.map((branch) => ({ name: branch.name, sha: branch.commit.sha, protected: branch.protected }))),
      next_cursor: nextCursorFromLink(response.headers.link),
    };
  },
});

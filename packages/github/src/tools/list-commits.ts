import { annotations, compact, tableOf, untrusted } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { commitAuthor } from '../lib/commit-author.js';
import { cursorInput, nextCursorFromLink, nextCursorOutput, pageFromCursor, perPageInput } from '../lib/pagination.js';
import { repoInput } from '../lib/repo-input.js';
import { firstLine, shortSha } from '../lib/text.js';
import { isoTimeInput, toTimestamp } from '../lib/time-input.js';

const commitTable = tableOf(() => z.object({ sha: z.string(), message: z.string(), author: z.string(), date: z.string().optional() }));

export const listCommits = defineTool({
  name: 'github_list_commits',
  title: 'List commits',
  description: 'Recent commits of a branch, newest first; filter by path, author, since/until. Messages are first lines.',
  toolset: 'repos',
  input: () =>
    z.object({
      ...repoInput,
      sha: z.string().min(1).optional().describe('Branch, tag or SHA to start from; default branch if omitted'),
      path: z.string().min(1).optional().describe('Only commits touching this path'),
      author: z.string().min(1).optional().describe('GitHub login or email'),
      since: isoTimeInput('Inclusive, ISO 8601').optional(),
      until: isoTimeInput('Inclusive, ISO 8601').optional(),
      per_page: perPageInput(20),
      cursor: cursorInput,
    }),
  output: () =>
    z.object({
      commits: commitTable.schema,
      next_cursor: nextCursorOutput,
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const { sha, path, author, since, until, per_page } = input;
    const response = await rest.repos.listCommits({
      owner,
      repo,
      per_page,
      page: pageFromCursor(input.cursor),
      ...compact({ sha, path, author, since: since && toTimestamp(since), until: until && toTimestamp(until) }),
    });
    return {
      commits: commitTable.of(
        response.data.map((commit) => ({
          sha: commit.sha,
          message: untrusted(firstLine(commit.commit.message), `commit ${shortSha(commit.sha)} message`),
          author: commitAuthor(commit),
          date: commit.commit.author?.date,
        })),
      ),
      next_cursor: nextCursorFromLink(response.headers.link),
    };
  },
});

import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { cappedPatch, changedFile, changedFileTable } from '../lib/changed-file.js';
import { cursorInput, nextCursorFromLink, nextCursorOutput, pageFromCursor, perPageInput } from '../lib/pagination.js';
import { repoInput } from '../lib/repo-input.js';
import { contentGate } from '../lockdown.js';

export const getPullRequestDiff = defineTool({
  name: 'github_get_pull_request_diff',
  title: 'Get pull request diff',
  description: 'Changed files of a PR with per-file patches, each cut at max_patch_chars with a marker. Binary or huge files have no patch.',
  toolset: 'pulls',
  input: () =>
    z.object({
      ...repoInput,
      pull_number: z.number().int().min(1),
      max_patch_chars: z.number().int().min(200).max(50_000).default(4_000).describe('Per-file patch cap'),
      per_page: perPageInput(30).describe('Files per page (1-100)'),
      cursor: cursorInput,
    }),
  output: () =>
    z.object({
      files: changedFileTable.schema,
      next_cursor: nextCursorOutput,
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const { pull_number, max_patch_chars } = input;
    const [response, gate, author] = await Promise.all([
      rest.pulls.listFiles({ owner, repo, pull_number, per_page: input.per_page, page: pageFromCursor(input.cursor) }),
      contentGate(context, owner, repo),
      // Only lockdown needs to know who wrote the patches.
      context.settings.lockdown ? rest.pulls.get({ owner, repo, pull_number }).then(({ data }) => data.user?.login) : undefined,
    ]);
    return {
      files: changedFileTable.of(
        await Promise.all(
          response.data.map(async (file) => ({
            ...changedFile(file),
            ...(file.patch
              ? { patch: await gate.text(cappedPatch(file.patch, max_patch_chars), author, `patch of ${file.filename} in PR #${pull_number}`) }
              : {}),
          })),
        ),
      ),
      next_cursor: nextCursorFromLink(response.headers.link),
    };
  },
});

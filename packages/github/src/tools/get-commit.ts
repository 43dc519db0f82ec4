import { annotations, untrusted } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { cappedPatch, changedFile, changedFileTable } from '../lib/changed-file.js';
import { commitAuthor } from '../lib/commit-author.js';
import { cursorInput, nextCursorFromLink, nextCursorOutput, pageFromCursor, perPageInput } from '../lib/pagination.js';
import { repoInput } from '../lib/repo-input.js';
import { shortSha } from '../lib/text.js';

export const getCommit = defineTool({
  name: 'github_get_commit',
  title: 'Get commit',
  description: 'One commit: message, author, stats and changed files with patches (each cut at max_patch_chars).',
  toolset: 'repos',
  input: () =>
    z.object({
      ...repoInput,
      ref: z.string().min(1).describe('Commit SHA, branch or tag'),
      include_patches: z.boolean().default(true),
      max_patch_chars: z.number().int().min(100).max(20_000).default(2_000).describe('Per-file patch cap'),
      per_page: perPageInput(50).describe('Changed files per page (1-100)'),
      cursor: cursorInput,
    }),
  output: () =>
    z.object({
      sha: z.string(),
      message: z.string(),
      author: z.string(),
      date: z.string().optional(),
      parents: z.array(z.string()),
      stats: z.object({ additions: z.number(), deletions: z.number() }).optional(),
      files: changedFileTable.schema,
      next_cursor: nextCursorOutput,
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const response = await rest.repos.getCommit({ owner, repo, ref: input.ref, per_page: input.per_page, page: pageFromCursor(input.cursor) });
    const commit = response.data;
    const label = shortSha(commit.sha);
    return {
      sha: commit.sha,
      message: untrusted(commit.commit.message, `commit ${label} message`),
      author: commitAuthor(commit),
      date: commit.commit.author?.date,
      parents: commit.parents.map((parent) => parent.sha),
      ...(commit.stats ? { stats: { additions: commit.stats.additions ?? 0, deletions: commit.stats.deletions ?? 0 } } : {}),
      files: changedFileTable.of(
        (commit.files ?? []).map((file) => ({
          ...changedFile(file),
          ...(input.include_patches && file.patch
            ? { patch: untrusted(cappedPatch(file.patch, input.max_patch_chars), `patch of ${file.filename} in ${label}`) }
            : {}),
        })),
      ),
      next_cursor: nextCursorFromLink(response.headers.link),
    };
  },
});

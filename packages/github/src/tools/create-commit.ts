import { annotations, InvalidInputError } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { branchHead, defaultBranch } from '../lib/git-refs.js';
import { repoInput } from '../lib/repo-input.js';

const fileChange = z.object({
  path: z.string().min(1),
  content: z.string().optional().describe('New content; omit with delete'),
  encoding: z.enum(['utf-8', 'base64']).default('utf-8'),
  delete: z.boolean().default(false),
  executable: z.boolean().default(false).describe('Mode 100755 (scripts); else 100644'),
});

type TreeEntry = { path: string; mode: '100644' | '100755'; type: 'blob'; sha?: string | null; content?: string };

export const createCommit = defineTool({
  name: 'github_create_commit',
  title: 'Commit files',
  description:
    'Write and delete several files in ONE commit on a branch (git data API). With new_branch, the commit starts from branch and lands on a new branch instead.',
  toolset: 'repos',
  input: () =>
    z.object({
      ...repoInput,
      message: z.string().min(1),
      files: z.array(fileChange).min(1).max(100),
      branch: z.string().min(1).optional().describe('Branch to commit on (the base with new_branch); default branch if omitted'),
      new_branch: z.string().min(1).optional().describe('Create this branch pointing at the new commit'),
    }),
  output: () => z.object({ sha: z.string(), branch: z.string(), parent: z.string(), files_changed: z.number(), html_url: z.string() }),
  annotations: annotations.write,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    for (const file of input.files) {
      if (file.delete === (file.content !== undefined)) {
        throw new InvalidInputError(`files: "${file.path}" needs exactly one of content or delete: true`);
      }
    }
    const { rest } = await context.services.github;
    const base = input.branch ?? (await defaultBranch(rest, owner, repo));
    const parent = await branchHead(rest, owner, repo, base);
    const { data: parentCommit } = await rest.git.getCommit({ owner, repo, commit_sha: parent });

    const tree: TreeEntry[] = [];
    for (const file of input.files) {
      const entry = { path: file.path.replace(/^\/+/, ''), mode: file.executable ? ('100755' as const) : ('100644' as const), type: 'blob' as const };
      if (file.delete) tree.push({ ...entry, sha: null });
      else if (file.encoding === 'utf-8') tree.push({ ...entry, content: file.content! });
      else {
        // Binary content cannot go inline in a tree; it needs a blob of its own.
        const { data: blob } = await rest.git.createBlob({ owner, repo, content: file.content!, encoding: 'base64' });
        tree.push({ ...entry, sha: blob.sha });
      }
    }
    const { data: newTree } = await rest.git.createTree({ owner, repo, base_tree: parentCommit.tree.sha, tree });
    const { data: commit } = await rest.git.createCommit({ owner, repo, message: input.message, tree: newTree.sha, parents: [parent] });

    if (input.new_branch) await rest.git.createRef({ owner, repo, ref: `refs/heads/${input.new_branch}`, sha: commit.sha });
    // Not forced: if the branch moved since we read it, GitHub refuses instead of dropping commits.
    else await rest.git.updateRef({ owner, repo, ref: `heads/${base}`, sha: commit.sha, force: false });

    return { sha: commit.sha, branch: input.new_branch ?? base, parent, files_changed: input.files.length, html_url: commit.html_url };
  },
});

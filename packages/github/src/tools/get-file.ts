import { annotations, untrusted } from '@toolbridge/core';
import * as z from 'zod';
import { type GitHubClient, repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { repoInput } from '../lib/repo-input.js';
import { looksBinary } from '../lib/text.js';

const DEFAULT_MAX_BYTES = 32_000;
const DIR_LIMIT = 1_000;

const entry = z.object({ name: z.string(), type: z.string(), size: z.number().optional() });

export const getFile = defineTool({
  name: 'github_get_file',
  title: 'Get file or directory',
  description: 'Read a file (text, up to max_bytes; larger or binary files return size and links instead) or list a directory.',
  toolset: 'repos',
  input: () =>
    z.object({
      ...repoInput,
      path: z.string().default('').describe('File or directory path; empty for the root'),
      ref: z.string().min(1).optional().describe('Branch, tag or SHA; default branch if omitted'),
      max_bytes: z.number().int().min(1_000).max(200_000).default(DEFAULT_MAX_BYTES).describe('Largest file body to return'),
    }),
  output: () =>
    z.object({
      path: z.string(),
      type: z.string().describe('file, dir, symlink or submodule'),
      sha: z.string().optional(),
      size: z.number().optional(),
      content: z.string().optional(),
      omitted: z.string().optional().describe('Why content is missing'),
      html_url: z.string().optional(),
      download_url: z.string().optional(),
      entries: z.array(entry).optional(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const path = input.path.replace(/^\/+|\/+$/g, '');
    if (!path) return rootListing(rest, owner, repo, input.ref);
    const { data } = await rest.repos.getContent({ owner, repo, path, ...(input.ref ? { ref: input.ref } : {}) });
    if (Array.isArray(data)) {
      return {
        path,
        type: 'dir',
        entries: data.map((item) => ({ name: item.name, type: item.type, ...(item.type === 'file' ? { size: item.size } : {}) })),
        ...(data.length >= DIR_LIMIT ? { omitted: `GitHub lists at most ${DIR_LIMIT} entries of a directory; narrow with github_search_code` } : {}),
      };
    }
    const links = { ...(data.html_url ? { html_url: data.html_url } : {}), ...(data.download_url ? { download_url: data.download_url } : {}) };
    const base = { path: data.path, type: data.type, sha: data.sha, size: data.size };
    if (data.type === 'symlink' && 'target' in data) return { ...base, content: untrusted(data.target, `symlink ${owner}/${repo}/${data.path}`), ...links };
    if (data.type !== 'file') return { ...base, ...links };
    if (data.size > input.max_bytes) {
      return { ...base, omitted: `file is ${data.size} bytes, over max_bytes (${input.max_bytes}); use download_url or a larger max_bytes`, ...links };
    }
    const bytes = 'content' in data && data.encoding === 'base64' ? Buffer.from(data.content, 'base64') : undefined;
    if (!bytes) return { ...base, omitted: 'GitHub did not return the content (files over 1 MB); use download_url', ...links };
    if (looksBinary(bytes)) return { ...base, omitted: 'binary file', ...links };
    const ref = input.ref ? `@${input.ref}` : '';
    return { ...base, content: untrusted(bytes.toString('utf8'), `file ${owner}/${repo}/${data.path}${ref}`), ...links };
  },
});

const KINDS: Record<string, string> = { blob: 'file', tree: 'dir', commit: 'submodule' };

/** The root directory through the trees API (the contents API documents a non-empty path only). */
async function rootListing(rest: GitHubClient['rest'], owner: string, repo: string, ref: string | undefined) {
  const { data } = await rest.git.getTree({ owner, repo, tree_sha: ref ?? 'HEAD' });
  return {
    path: '',
    type: 'dir',
    entries: data.tree.map((item) => ({
      name: item.path,
      type: KINDS[item.type] ?? item.type,
      ...(item.type === 'blob' && item.size !== undefined ? { size: item.size } : {}),
    })),
  };
}

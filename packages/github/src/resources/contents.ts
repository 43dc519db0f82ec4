import { defineResource } from '../define.js';
import { getFile } from '../tools/get-file.js';
import { completeOwner, completeRepo } from './complete.js';

export const contentsResource = defineResource({
  name: 'repo-contents',
  title: 'Repository file or directory',
  description: 'A file (text, size-capped, fenced as untrusted) or a directory listing on the default branch.',
  uri: 'github://repos/{owner}/{repo}/contents/{+path}',
  complete: { owner: completeOwner, repo: completeRepo },
  read: async (params, context) => {
    const file = await context.invoke(getFile, { owner: params.owner!, repo: params.repo!, path: params.path ?? '' });
    if (file.entries)
      return { text: file.entries.map((entry) => `${entry.type === 'dir' ? `${entry.name}/` : entry.name}`).join('\n'), mimeType: 'text/plain' };
    if (file.content !== undefined) return { text: file.content, mimeType: 'text/plain' };
    return { text: `${file.path}: ${file.omitted ?? 'no content'}${file.download_url ? ` (${file.download_url})` : ''}`, mimeType: 'text/plain' };
  },
});

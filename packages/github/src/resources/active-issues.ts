import { records } from '@toolbridge/core';
import { repoOf } from '../client.js';
import { defineResource, type GitHubContext } from '../define.js';
import { listIssues } from '../tools/list-issues.js';
import { completeOwner, completeRepo } from './complete.js';

const LIMIT = 30;

/** Open issues, most recently updated first, as a compact markdown list. */
async function activeIssues(context: GitHubContext, owner: string, repo: string): Promise<string> {
  const { issues, next_cursor } = await context.invoke(listIssues, { owner, repo, state: 'open', sort: 'updated', direction: 'desc', per_page: LIMIT });
  const lines = records(issues).map(
    (issue) =>
      `- #${issue.number} ${issue.title}${issue.labels.length ? ` [${issue.labels.join(', ')}]` : ''} — @${issue.author ?? 'ghost'}, updated ${issue.updated_at}, ${issue.comments} comments`,
  );
  const more = next_cursor ? `\n(more open issues exist: use github_list_issues with cursor ${next_cursor})` : '';
  return `# Active issues in ${owner}/${repo} (open, recently updated)\n${lines.join('\n') || '(none)'}${more}`;
}

export const activeIssuesResource = defineResource({
  name: 'active-issues',
  title: 'Active issues',
  description: 'Open, recently updated issues of the default repository (GITHUB_REPOSITORY).',
  uri: 'github://issues/active',
  mimeType: 'text/markdown',
  // Without a default repository there is nothing to read: the resource is not offered.
  enabled: (context) => Boolean(context.settings.repository),
  read: (_params, context) => {
    const { owner, repo } = repoOf(context, {});
    return activeIssues(context, owner, repo);
  },
});

export const repoActiveIssuesResource = defineResource({
  name: 'repo-active-issues',
  title: 'Active issues of a repository',
  description: 'Open, recently updated issues of any repository.',
  uri: 'github://repos/{owner}/{repo}/issues/active',
  mimeType: 'text/markdown',
  complete: { owner: completeOwner, repo: completeRepo },
  read: (params, context) => activeIssues(context, params.owner!, params.repo!),
});

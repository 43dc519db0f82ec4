import { InvalidInputError } from '@toolbridge/core';
import { repoOf } from '../client.js';
import type { GitHubContext } from '../define.js';
import { loginInput, repoInput } from './repo-input.js';
import { isoTimeInput } from './time-input.js';

/** A repository, or (with `org`) every repository of an organization, for the insights tools. */
export const scopeInput = {
  ...repoInput,
  org: loginInput.optional().describe('Organization login: summarize all its repositories instead of one'),
};

export type Scope = { kind: 'repo'; owner: string; repo: string; qualifier: string } | { kind: 'org'; org: string; qualifier: string };

export function scopeOf(context: GitHubContext, input: { owner?: string | undefined; repo?: string | undefined; org?: string | undefined }): Scope {
  if (input.org) {
    if (input.repo) throw new InvalidInputError('pass either org or owner/repo, not both');
    return { kind: 'org', org: input.org, qualifier: `org:${input.org}` };
  }
  const { owner, repo } = repoOf(context, input);
  return { kind: 'repo', owner, repo, qualifier: `repo:${owner}/${repo}` };
}

/** `since` as an ISO date or time, default `defaultDays` days ago. */
export const sinceInput = (defaultDays: number) => isoTimeInput(`ISO 8601 date; default ${defaultDays} days ago`).optional();

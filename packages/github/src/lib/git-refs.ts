import type { GitHubClient } from '../client.js';

type Rest = GitHubClient['rest'];

const FULL_SHA = /^[0-9a-f]{40}$/i;

/** The repository's default branch name (one request). */
export async function defaultBranch(rest: Rest, owner: string, repo: string): Promise<string> {
  const { data } = await rest.repos.get({ owner, repo });
  return data.default_branch;
}

/** The commit SHA a branch points at (GitHub answers 404 when the branch does not exist). */
export async function branchHead(rest: Rest, owner: string, repo: string, branch: string): Promise<string> {
  const { data } = await rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
  return data.object.sha;
}

/** A branch name or full SHA resolved to a SHA; the default branch when omitted. */
export async function resolveCommitish(rest: Rest, owner: string, repo: string, from: string | undefined): Promise<{ sha: string; branch?: string }> {
  if (from && FULL_SHA.test(from)) return { sha: from };
  const branch = from ?? (await defaultBranch(rest, owner, repo));
  return { sha: await branchHead(rest, owner, repo, branch), branch };
}

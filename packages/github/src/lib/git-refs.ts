import type { GitHubClient } from '../client.js';
import { responseText } from './response-text.js';

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

/** The commit SHA of a branch, tag or SHA (one small request: the commit API's "sha" media type). */
export async function commitShaOf(rest: Rest, owner: string, repo: string, ref: string): Promise<string> {
  const { data } = await rest.repos.getCommit({ owner, repo, ref, mediaType: { format: 'sha' } });
  return responseText(data).trim();
}

/** A branch, tag or SHA resolved to a commit SHA; the default branch when omitted. */
export async function resolveCommitish(rest: Rest, owner: string, repo: string, from: string | undefined): Promise<{ sha: string; from: string }> {
  if (from && FULL_SHA.test(from)) return { sha: from, from };
  const ref = from ?? (await defaultBranch(rest, owner, repo));
  return { sha: await commitShaOf(rest, owner, repo, ref), from: ref };
}

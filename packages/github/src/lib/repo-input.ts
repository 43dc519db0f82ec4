import * as z from 'zod';

// GitHub's rules: logins are letters, digits, "-" (and "_" for managed users), at most 39; repository names
// letters, digits, ".", "-", "_", at most 100, never "." or "..". Checked by a refinement rather than a
// pattern, which would cost tokens in every tools/list entry; names such as ".." would otherwise re-route
// a request to another endpoint.
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

export const loginInput = z.string().refine((value) => LOGIN.test(value), { message: 'not a GitHub login (letters, digits and "-", at most 39)' });
const repoName = z.string().refine((value) => REPO.test(value) && value !== '.' && value !== '..', {
  message: 'not a repository name (letters, digits, ".", "-", "_"; not "." or "..")',
});

/**
 * owner/repo arguments; both fall back to GITHUB_REPOSITORY (see repoOf in client.ts). One description
 * covers the pair: it is repeated in every repository tool, so each word costs about 30 tokens.
 */
export const repoInput = {
  owner: loginInput.optional().describe('owner and repo default to GITHUB_REPOSITORY'),
  repo: repoName.optional(),
};

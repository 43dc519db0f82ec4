// One handler, served twice: through @toolbridge/core (core-server.mjs) and through a bare SDK server
// (bare-server.mjs), so the difference in call latency is what core adds around it.
import { z } from './sdk.mjs';

export const issueInput = { owner: z.string(), repo: z.string(), number: z.number().int().positive() };
export const issueOutput = { number: z.number(), title: z.string(), state: z.string(), author: z.string().nullable(), comments: z.number() };

/** GET /repos/:owner/:repo/issues/:number on the upstream, trimmed to the fields a model needs. */
export function makeIssueHandler(fetchImpl, baseUrl) {
  return async ({ owner, repo, number }) => {
    const response = await fetchImpl(`${baseUrl}/repos/${owner}/${repo}/issues/${number}`, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`upstream answered ${response.status}`);
    const issue = await response.json();
    return { number: issue.number, title: issue.title, state: issue.state, author: issue.user?.login ?? null, comments: issue.comments ?? 0 };
  };
}

/** The fake upstream's answer for any issue: a GitHub-shaped issue of realistic size. */
export function fakeIssue(owner, repo, number) {
  return {
    url: `https://api.github.com/repos/${owner}/${repo}/issues/${number}`,
    number,
    title: `Issue ${number}: crash when the config file is empty`,
    state: 'open',
    user: { login: 'octocat', id: 1, type: 'User' },
    labels: [{ name: 'bug' }],
    comments: 3,
    body: 'Steps to reproduce: start the server with an empty config file. '.repeat(8),
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
  };
}

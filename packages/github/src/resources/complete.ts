import type { GitHubContext } from '../define.js';

/** The token's repositories (most recently pushed first), fetched once per server for completion. */
const repositories = (context: GitHubContext) =>
  context.services.repositories.get('mine', async () => {
    const { rest } = await context.services.github;
    const { data } = await rest.repos.listForAuthenticatedUser({ sort: 'pushed', per_page: 100 });
    return data.map((repo) => ({ owner: repo.owner.login, name: repo.name }));
  });

const startsWith = (value: string) => (candidate: string) => candidate.toLowerCase().startsWith(value.toLowerCase());

export const completeOwner = async (value: string, context: GitHubContext) =>
  [...new Set((await repositories(context)).map((repo) => repo.owner))].filter(startsWith(value));

export const completeRepo = async (value: string, context: GitHubContext, others: Record<string, string>) =>
  (await repositories(context))
    .filter((repo) => !others.owner || repo.owner.toLowerCase() === others.owner.toLowerCase())
    .map((repo) => repo.name)
    .filter(startsWith(value));

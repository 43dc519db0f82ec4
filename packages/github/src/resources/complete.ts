import type { Completer } from '@toolbridge/core';
import { type GitHubContext, github } from '../client.js';
import type { GitHubSettings } from '../settings.js';

/** The token's repositories (most recently pushed first), fetched once per server for completion. */
const known = new WeakMap<object, Promise<Array<{ owner: string; name: string }>>>();

function repositories(context: GitHubContext) {
  let list = known.get(context.http);
  if (!list) {
    list = github(context)
      .then(({ rest }) => rest.repos.listForAuthenticatedUser({ sort: 'pushed', per_page: 100 }))
      .then(({ data }) => data.map((repo) => ({ owner: repo.owner.login, name: repo.name })));
    known.set(context.http, list);
    list.catch(() => known.delete(context.http));
  }
  return list;
}

const startsWith = (value: string) => (candidate: string) => candidate.toLowerCase().startsWith(value.toLowerCase());

export const completeOwner: Completer<GitHubSettings> = async (value, context) =>
  [...new Set((await repositories(context)).map((repo) => repo.owner))].filter(startsWith(value));

export const completeRepo: Completer<GitHubSettings> = async (value, context, others) =>
  (await repositories(context))
    .filter((repo) => !others.owner || repo.owner.toLowerCase() === others.owner.toLowerCase())
    .map((repo) => repo.name)
    .filter(startsWith(value));

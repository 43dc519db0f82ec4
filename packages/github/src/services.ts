import { Memo, type ServicesOf, service } from '@toolbridge/core';
import { createClient } from './client.js';
import type { GitHubSettings } from './settings.js';

export interface RepositoryRef {
  owner: string;
  name: string;
}

/** What the server keeps for its lifetime: the API client (made at the first call) and its lookups. */
export const services = {
  github: service<ReturnType<typeof createClient>, GitHubSettings>(createClient),
  /** Lockdown: whether a repository is public, per owner/repo. */
  visibility: service(() => new Memo<boolean>()),
  /** Lockdown: whether a user can push, per owner/repo:login. */
  pushAccess: service(() => new Memo<boolean>()),
  /** Completion: the token's repositories, fetched once. */
  repositories: service(() => new Memo<RepositoryRef[]>()),
};

export type GitHubServices = ServicesOf<typeof services>;

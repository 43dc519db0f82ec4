import { type ServicesOf, service } from '@toolbridge/core';
import { createClient, type LinearClient } from './client.js';
import { WorkspaceCache } from './lib/workspace.js';
import type { LinearSettings } from './settings.js';

/** What the server keeps for its lifetime: the API client (made at the first call) and the workspace read. */
export const services = {
  client: service<LinearClient, LinearSettings>(createClient),
  /** Teams, states, labels, users and projects: every name resolves from this one read. */
  workspace: service(() => new WorkspaceCache()),
};

export type LinearServices = ServicesOf<typeof services>;

import { anySet, read } from './identity.js';
import type { ServerEntry } from './types.js';

export const sentry: ServerEntry = {
  id: 'sentry',
  title: 'Sentry',
  package: '@toolbridge/sentry',
  bin: 'toolbridge-sentry',
  summary: 'errors with stack traces, events, user feedback, project health and releases',
  variables: [
    {
      name: 'SENTRY_AUTH_TOKEN',
      secret: true,
      description: 'a Sentry auth token',
      alternatives: ['SENTRY_ACCESS_TOKEN'],
      howToGet: 'create a personal token (scopes org:read, project:read, event:read; event:write to resolve) under User settings > Personal Tokens',
    },
  ],
  requires: ['SENTRY_AUTH_TOKEN'],
  toolsets: {
    issues: { description: 'Search issues, details with stack traces, events, resolve/ignore/assign', default: true },
    projects: { description: 'Projects, project health and user feedback', default: true },
    releases: { description: 'Releases with commits, deploys and new issues', default: true },
  },
  identity: {
    // The organization the token sees and its projects: one list call.
    tool: 'sentry_list_projects',
    async read(probe) {
      const listing = await read(probe, { tool: 'sentry_list_projects' });
      const projects = Array.isArray(listing.projects) ? listing.projects.length : 0;
      return { identity: `organization ${String(listing.organization)} (${projects} project${projects === 1 ? '' : 's'})` };
    },
  },
  suggested: ({ env }) => anySet(env, ['SENTRY_AUTH_TOKEN', 'SENTRY_ACCESS_TOKEN']),
  settings: ({ env }) => (env.SENTRY_ORG ? { organization: env.SENTRY_ORG } : undefined),
};

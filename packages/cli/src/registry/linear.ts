import { anySet, read } from './identity.js';
import type { ServerEntry } from './types.js';

export const linear: ServerEntry = {
  id: 'linear',
  title: 'Linear',
  package: '@toolbridge/linear',
  bin: 'toolbridge-linear',
  summary: 'issues by their identifiers, projects, cycles and team metrics',
  variables: [
    {
      name: 'LINEAR_API_KEY',
      secret: true,
      description: 'a Linear API key',
      howToGet: 'create a personal API key under Settings > Account > Security & access in Linear',
    },
  ],
  requires: ['LINEAR_API_KEY'],
  toolsets: {
    issues: { description: 'Issues and their comments', default: true },
    workspace: { description: 'Teams, workflow states, labels, cycles and projects by name', default: true },
    projects: { description: 'Projects and project updates', default: true },
    insights: { description: 'Team progress, velocity and release status', default: true },
  },
  identity: {
    // The viewer, read with the workspace the other tools resolve names from (the server caches it).
    tool: 'linear_get_workspace',
    async read(probe) {
      const workspace = await read(probe, { tool: 'linear_get_workspace' });
      return { identity: `${String(workspace.viewer)} in ${String(workspace.workspace)}` };
    },
  },
  suggested: ({ env }) => anySet(env, ['LINEAR_API_KEY']),
};

import { anySet, read } from './identity.js';
import type { ServerEntry } from './types.js';

const TOKEN_NAMES = ['GITHUB_PERSONAL_ACCESS_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN'];

export const github: ServerEntry = {
  id: 'github',
  title: 'GitHub',
  package: '@toolbridge/github',
  bin: 'toolbridge-github',
  summary: 'issues, pull requests, repositories, releases, Actions and insights',
  variables: [
    {
      name: 'GITHUB_PERSONAL_ACCESS_TOKEN',
      secret: true,
      description: 'a GitHub token',
      alternatives: ['GITHUB_TOKEN'],
      sources: ['GH_TOKEN'],
      howToGet:
        'create a fine-grained token at https://github.com/settings/personal-access-tokens (or run `gh auth token`); write tools need Contents, Issues and Pull requests read/write',
    },
  ],
  requires: ['GITHUB_PERSONAL_ACCESS_TOKEN'],
  toolsets: {
    issues: { description: 'Issues and their comments', default: true },
    pulls: { description: 'Pull requests, diffs, reviews and merges', default: true },
    repos: { description: 'Files, commits, branches and code search', default: true },
    users: { description: 'Who the token belongs to', default: true },
    releases: { description: 'Releases' },
    actions: { description: 'Workflow runs, job logs, re-runs and dispatches' },
    insights: { description: 'Activity summaries, review metrics and deployment frequency' },
  },
  identity: {
    tool: 'github_get_me',
    async read(probe) {
      const me = await read(probe, { tool: 'github_get_me' });
      return { identity: `${String(me.login)}${me.name ? ` (${String(me.name)})` : ''}` };
    },
  },
  suggested: ({ env, githubRepository }) => anySet(env, TOKEN_NAMES) || Boolean(githubRepository),
  settings: ({ githubRepository }) => (githubRepository ? { repository: githubRepository } : undefined),
};

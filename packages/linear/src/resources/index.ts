import { oneLine, records } from '@toolbridge/core';
import { defineResource } from '../define.js';
import { completeTeamKey } from '../lib/resolve.js';
import { getIssue } from '../tools/get-issue.js';
import { getWorkspace } from '../tools/get-workspace.js';
import { searchIssues } from '../tools/search-issues.js';

export const issueResource = defineResource({
  name: 'issue',
  title: 'Linear issue',
  description: 'One issue as linear_get_issue shows it.',
  uri: 'linear://issues/{identifier}',
  mimeType: 'application/json',
  read: async ({ identifier }, context) => JSON.stringify(await context.invoke(getIssue, { issue: identifier! })),
});

export const activeIssuesResource = defineResource({
  name: 'active-issues',
  title: 'Active issues of a team',
  description: "The team's issues in a started state, most recently updated first.",
  uri: 'linear://teams/{key}/issues/active',
  mimeType: 'text/markdown',
  complete: { key: completeTeamKey },
  list: async (context) => {
    const workspace = await context.services.workspace.get(context);
    return workspace.teams.nodes.map((team) => ({ uri: `linear://teams/${team.key}/issues/active`, name: `${team.key} active issues` }));
  },
  read: async ({ key }, context) => {
    const { issues, next_cursor } = await context.invoke(searchIssues, { team: key!, state: 'started', limit: 50 });
    const lines = records(issues).map((issue) =>
      oneLine(
        `- ${issue.id} ${issue.title} (${issue.state}${issue.assignee ? `, ${issue.assignee}` : ''}${issue.estimate !== undefined ? `, ${issue.estimate} pt` : ''})`,
      ),
    );
    const more = next_cursor ? '\n(more: linear_search_issues with state "started" and a cursor)' : '';
    return `# Active issues of ${key!.toUpperCase()}\n${lines.join('\n') || '(none)'}${more}`;
  },
});

export const workspaceResource = defineResource({
  name: 'workspace',
  title: 'Linear workspace',
  description: 'Teams with states, labels and active cycles, users and projects, as linear_get_workspace shows them.',
  uri: 'linear://workspace',
  mimeType: 'application/json',
  read: async (_params, context) => JSON.stringify(await context.invoke(getWorkspace, {})),
});

export const resources = [issueResource, activeIssuesResource, workspaceResource];

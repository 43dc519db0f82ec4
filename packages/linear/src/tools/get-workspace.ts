import { annotations, compact, sanitizeUntrusted } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { labelsOf } from '../lib/resolve.js';
import type { Workspace } from '../lib/workspace.js';

const day = (iso: string) => iso.slice(0, 10);

/** Which lists of the read hold only their first page (a large workspace). */
function cutLists(workspace: Workspace): string[] | undefined {
  const lists = { teams: workspace.teams, labels: workspace.issueLabels, users: workspace.users, projects: workspace.projects };
  const cut = Object.entries(lists).flatMap(([name, connection]) => (connection.pageInfo?.hasNextPage ? [`${name}: first ${connection.nodes.length}`] : []));
  return cut.length ? cut : undefined;
}

export const getWorkspace = defineTool({
  name: 'linear_get_workspace',
  title: 'Get workspace',
  description:
    'Who you are and the workspace in one call: teams with their workflow states (in order), labels and active cycle, workspace labels, users and projects. The names other tools take.',
  toolset: 'workspace',
  input: () => z.object({}),
  output: () =>
    z.object({
      viewer: z.string(),
      workspace: z.string(),
      default_team: z.string().optional(),
      teams: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          states: z.array(z.string()),
          labels: z.array(z.string()),
          active_cycle: z.string().optional(),
        }),
      ),
      labels: z.array(z.string()),
      users: z.array(z.string()),
      projects: z.array(z.string()),
      cut: z.array(z.string()).optional().describe('Lists shown in part; their other names still resolve'),
    }),
  annotations: annotations.read,
  async handler(_input, context) {
    const workspace = await context.services.workspace.get(context);
    const { viewer, organization } = workspace;
    return {
      viewer: `${viewer.name} <${viewer.email}>`,
      workspace: `${organization.name} (${organization.urlKey})`,
      ...compact({ default_team: context.settings.team }),
      teams: workspace.teams.nodes.map((team) => ({
        key: team.key,
        name: team.name,
        states: [...team.states.nodes].sort((a, b) => a.position - b.position).map((state) => `${state.name} (${state.type})`),
        labels: labelsOf(workspace, team)
          .filter((label) => label.team)
          .map((label) => label.name),
        ...compact({
          active_cycle: team.activeCycle
            ? `${team.activeCycle.number}${team.activeCycle.name ? ` "${team.activeCycle.name}"` : ''}: ${day(team.activeCycle.startsAt)} to ${day(team.activeCycle.endsAt)}`
            : undefined,
        }),
      })),
      labels: labelsOf(workspace, undefined)
        .filter((label) => !label.team)
        .map((label) => label.name),
      users: workspace.users.nodes.map((user) => `${user.name} <${user.email}>${user.id === viewer.id ? ' (me)' : ''}`),
      projects: workspace.projects.nodes.map((project) => `${sanitizeUntrusted(project.name)} (${project.state})`),
      ...compact({ cut: cutLists(workspace) }),
    };
  },
});

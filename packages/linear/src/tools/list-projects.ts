import { annotations, compact, sanitizeUntrusted, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { type Connection, document } from '../lib/documents.js';
import { cursorInput } from '../lib/issue-shape.js';
import { resolveTeam } from '../lib/resolve.js';

const LIST_PROJECTS = document(
  'ListProjects',
  `query ListProjects($filter: ProjectFilter, $first: Int!, $after: String) {
  projects(filter: $filter, first: $first, after: $after, orderBy: updatedAt) {
    nodes { name state progress targetDate health lead { name } teams(first: 5) { nodes { key } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
);

export const PROJECT_STATES = ['backlog', 'planned', 'started', 'paused', 'completed', 'canceled'] as const;

interface ApiProject {
  name: string;
  state: string;
  progress: number;
  targetDate: string | null;
  health: string | null;
  lead: { name: string } | null;
  teams: Connection<{ key: string }>;
}

export const percent = (fraction: number) => Math.round(fraction * 1000) / 10;

const projectTable = tableOf(() =>
  z.object({
    name: z.string(),
    state: z.string(),
    progress_pct: z.number(),
    health: z.string().optional(),
    lead: z.string().optional(),
    target: z.string().optional(),
    teams: z.array(z.string()),
  }),
);

export const listProjects = defineTool({
  name: 'linear_list_projects',
  title: 'List projects',
  description: 'Projects, most recently updated first: state, progress (% of scope done), health, lead, target date, teams.',
  toolset: 'projects',
  input: () =>
    z.object({
      team: z.string().optional().describe('Team key or name'),
      state: z.enum(PROJECT_STATES).optional(),
      limit: z.number().int().min(1).max(100).default(25),
      cursor: cursorInput,
    }),
  output: () =>
    z.object({
      projects: projectTable.schema,
      next_cursor: z.string().optional(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const and: Array<Record<string, unknown>> = [];
    if (input.team) and.push({ accessibleTeams: { some: { id: { eq: (await resolveTeam(context, input.team)).id } } } });
    if (input.state) and.push({ state: { eq: input.state } });
    const { projects } = await context.services.client.request<{ projects: Connection<ApiProject> }>(LIST_PROJECTS, {
      filter: and.length ? { and } : null,
      first: input.limit,
      after: input.cursor ?? null,
    });
    return {
      projects: projectTable.of(
        projects.nodes.map((project) => ({
          name: sanitizeUntrusted(project.name),
          state: project.state,
          progress_pct: percent(project.progress),
          teams: project.teams.nodes.map((team) => team.key),
          ...compact({ health: project.health ?? undefined, lead: project.lead?.name, target: project.targetDate ?? undefined }),
        })),
      ),
      ...compact({ next_cursor: projects.pageInfo?.hasNextPage ? (projects.pageInfo.endCursor ?? undefined) : undefined }),
    };
  },
});

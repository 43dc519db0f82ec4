import { annotations, compact, sanitizeUntrusted, tableOf, untrusted } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { type Connection, document } from '../lib/documents.js';
import { resolveProject } from '../lib/resolve.js';
import { isoDay } from '../lib/time.js';
import { percent } from './list-projects.js';

const GET_PROJECT = document(
  'GetProject',
  `query GetProject($id: String!) {
  project(id: $id) {
    name description state progress startDate targetDate health url
    lead { name }
    teams(first: 10) { nodes { key } }
    projectMilestones(first: 25) { nodes { name targetDate progress } }
    projectUpdates(first: 3) { nodes { body health createdAt user { name } } }
    issues(first: 250) { nodes { state { type } } }
  }
}`,
);

interface ApiProject {
  name: string;
  description: string;
  state: string;
  progress: number;
  startDate: string | null;
  targetDate: string | null;
  health: string | null;
  url: string;
  lead: { name: string } | null;
  teams: Connection<{ key: string }>;
  projectMilestones: Connection<{ name: string; targetDate: string | null; progress: number }>;
  projectUpdates: Connection<{ body: string; health: string; createdAt: string; user: { name: string } | null }>;
  issues: Connection<{ state: { type: string } }>;
}

const milestoneTable = tableOf(() => z.object({ name: z.string(), target: z.string().optional(), progress_pct: z.number() }));
const updateTable = tableOf(() => z.object({ at: z.string(), author: z.string(), health: z.string(), body: z.string() }));

export const getProject = defineTool({
  name: 'linear_get_project',
  title: 'Get project',
  description: 'One project: description, dates, progress, health, milestones with progress, issue counts by state type, latest 3 updates.',
  toolset: 'projects',
  input: () => z.object({ project: z.string().min(1).describe('Project name, slug or id') }),
  output: () =>
    z.object({
      name: z.string(),
      url: z.string(),
      state: z.string(),
      progress_pct: z.number(),
      health: z.string().optional(),
      lead: z.string().optional(),
      start: z.string().optional(),
      target: z.string().optional(),
      teams: z.array(z.string()),
      description: z.string().optional(),
      issues_by_state: z.record(z.string(), z.number()),
      milestones: milestoneTable.schema,
      updates: updateTable.schema,
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { id } = await resolveProject(context, input.project);
    const { project } = await context.services.client.request<{ project: ApiProject }>(GET_PROJECT, { id });
    const byState: Record<string, number> = {};
    for (const issue of project.issues.nodes) byState[issue.state.type] = (byState[issue.state.type] ?? 0) + 1;
    return {
      name: sanitizeUntrusted(project.name),
      url: project.url,
      state: project.state,
      progress_pct: percent(project.progress),
      teams: project.teams.nodes.map((team) => team.key),
      issues_by_state: byState,
      ...compact({
        health: project.health ?? undefined,
        lead: project.lead?.name,
        start: project.startDate ?? undefined,
        target: project.targetDate ?? undefined,
        description: project.description ? untrusted(project.description, `description of project ${project.name}`) : undefined,
      }),
      milestones: milestoneTable.of(
        project.projectMilestones.nodes.map((milestone) => ({
          name: milestone.name,
          progress_pct: percent(milestone.progress),
          ...compact({ target: milestone.targetDate ?? undefined }),
        })),
      ),
      updates: updateTable.of(
        project.projectUpdates.nodes.map((update) => ({
          at: isoDay(update.createdAt),
          author: update.user?.name ?? 'an integration',
          health: update.health,
          body: untrusted(update.body, `update of project ${project.name}`),
        })),
      ),
    };
  },
});

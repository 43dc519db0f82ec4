import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { document } from '../lib/documents.js';
import { markdown, resolveProject } from '../lib/resolve.js';

const CREATE_PROJECT_UPDATE = document(
  'CreateProjectUpdate',
  `mutation CreateProjectUpdate($input: ProjectUpdateCreateInput!) {
  projectUpdateCreate(input: $input) { success projectUpdate { url health createdAt } }
}`,
);

export const updateProjectStatus = defineTool({
  name: 'linear_update_project_status',
  title: 'Post project update',
  description: "Posts a project update: its health (onTrack, atRisk, offTrack) and a markdown body, as Linear's project updates show them.",
  toolset: 'projects',
  input: () =>
    z.object({
      project: z.string().min(1).describe('Project name, slug or id'),
      health: z.enum(['onTrack', 'atRisk', 'offTrack']),
      body: z.string().min(1).describe('Markdown'),
    }),
  output: () => z.object({ project: z.string(), health: z.string(), url: z.string() }),
  annotations: annotations.write,
  async handler(input, context) {
    const project = await resolveProject(context, input.project);
    const { projectUpdateCreate } = await context.services.client.request<{ projectUpdateCreate: { projectUpdate: { url: string; health: string } } }>(
      CREATE_PROJECT_UPDATE,
      { input: { projectId: project.id, health: input.health, body: markdown(input.body) } },
    );
    return { project: project.name, health: projectUpdateCreate.projectUpdate.health, url: projectUpdateCreate.projectUpdate.url };
  },
});

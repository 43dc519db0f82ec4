import { records } from '@toolbridge/core';
import { defineResource } from '../define.js';
import { getErrorDetails } from '../tools/get-error-details.js';
import { listProjects } from '../tools/list-projects.js';

export const issueResource = defineResource({
  name: 'issue',
  title: 'Sentry issue',
  description: 'One issue as sentry_get_error_details shows it: counts, tags, latest exception, in-app frames, breadcrumbs.',
  uri: 'sentry://issues/{id}',
  mimeType: 'application/json',
  read: async ({ id }, context) => JSON.stringify(await context.invoke(getErrorDetails, { issue: id! })),
});

export const projectsResource = defineResource({
  name: 'projects',
  title: 'Sentry projects',
  description: 'The projects of the organization (SENTRY_ORG, or the only one the token sees).',
  uri: 'sentry://projects',
  mimeType: 'text/markdown',
  read: async (_params, context) => {
    const { organization, projects, next_cursor } = await context.invoke(listProjects, {});
    const lines = records(projects).map(
      (project) => `- ${project.slug}${project.platform ? ` (${project.platform})` : ''}${project.teams?.length ? `, teams ${project.teams.join(', ')}` : ''}`,
    );
    const more = next_cursor ? '\n(more projects: sentry_list_projects with a cursor)' : '';
    return `# Sentry projects of ${organization}\n${lines.join('\n') || '(none)'}${more}`;
  },
});

export const resources = [issueResource, projectsResource];

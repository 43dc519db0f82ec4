import { annotations, compact, tableOf, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { cursorInput, nextCursorOutput } from '../lib/pagination.js';
import { organizationInput, organizationOf } from '../lib/scope.js';

interface ApiProject {
  id: string | number;
  slug: string;
  name?: string | null;
  platform?: string | null;
  teams?: Array<{ slug?: string | null }> | null;
  hasSessions?: boolean | null;
  latestRelease?: { version?: string | null } | null;
}

export const projectOutput = z.object({
  slug: z.string(),
  id: z.string(),
  name: z.string().optional(),
  platform: z.string().optional(),
  teams: z.array(z.string()).optional(),
  latest_release: z.string().optional(),
  has_sessions: z.boolean().optional(),
});

const projectTable = tableOf(() => projectOutput);

export const listProjects = defineTool({
  name: 'sentry_list_projects',
  title: 'List projects',
  description: 'Projects of the organization: slug (what project arguments take), platform, teams, latest release.',
  toolset: 'projects',
  input: () => z.object({ query: z.string().min(1).optional().describe('Part of a name or slug'), cursor: cursorInput, organization: organizationInput }),
  output: () => z.object({ organization: z.string(), projects: projectTable.schema, next_cursor: nextCursorOutput }),
  annotations: annotations.read,
  async handler(input, context) {
    const organization = await organizationOf(context, input.organization);
    const { data, nextCursor } = await context.services.client.get<ApiProject[]>(urlPath`/organizations/${organization}/projects/`, {
      query: input.query,
      cursor: input.cursor,
      per_page: 100,
    });
    return {
      organization,
      projects: projectTable.of(
        data.map((project) => ({
          slug: project.slug,
          id: String(project.id),
          ...compact({
            name: project.name && project.name !== project.slug ? project.name : undefined,
            platform: project.platform,
            teams: project.teams?.map((team) => team?.slug).filter((slug): slug is string => Boolean(slug)),
            latest_release: project.latestRelease?.version,
            has_sessions: project.hasSessions || undefined,
          }),
        })),
      ),
      ...compact({ next_cursor: nextCursor }),
    };
  },
});

import { annotations, compact, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { cursorInput, nextCursorOutput } from '../lib/pagination.js';
import { type ApiRelease, releaseSummary, releaseTable } from '../lib/release-shape.js';
import { organizationInput, organizationOf, projectIdOf, projectInput } from '../lib/scope.js';

export const listReleases = defineTool({
  name: 'sentry_list_releases',
  title: 'List releases',
  description: "Releases, newest first: date, new issues, commits, deploys and the last deploy's environment.",
  toolset: 'releases',
  input: () =>
    z.object({
      project: projectInput,
      query: z.string().min(1).optional().describe('Part of the version'),
      limit: z.number().int().min(1).max(100).default(20),
      cursor: cursorInput,
      organization: organizationInput,
    }),
  output: () => z.object({ releases: releaseTable.schema, next_cursor: nextCursorOutput }),
  annotations: annotations.read,
  async handler(input, context) {
    const organization = await organizationOf(context, input.organization);
    const slug = input.project ?? context.settings.project;
    const project = slug ? await projectIdOf(context, organization, slug) : undefined;
    const { data, nextCursor } = await context.services.client.get<ApiRelease[]>(urlPath`/organizations/${organization}/releases/`, {
      project: project ? [project] : undefined,
      query: input.query,
      per_page: input.limit,
      cursor: input.cursor,
    });
    return { releases: releaseTable.of(data.map(releaseSummary)), ...compact({ next_cursor: nextCursor }) };
  },
});

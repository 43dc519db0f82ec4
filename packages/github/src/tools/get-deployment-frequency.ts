import { annotations, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { nextCursorFromLink, pageFromCursor } from '../lib/pagination.js';
import { repoInput } from '../lib/repo-input.js';
import { round } from '../lib/stats.js';

const WEEK_MS = 7 * 86_400_000;
const MAX_PAGES = 10;

const environmentTable = tableOf(() =>
  z.object({ environment: z.string(), total: z.number(), per_week: z.number(), weekly: z.array(z.number()).describe('Newest week first') }),
);

export const getDeploymentFrequency = defineTool({
  name: 'github_get_deployment_frequency',
  title: 'Deployment frequency',
  description:
    'Deployments per week per environment from the Deployments API: deployments created in each rolling 7-day window ending now (weekly[0] = last 7 days), any status. Reads at most 1000 deployments.',
  toolset: 'insights',
  input: () =>
    z.object({
      ...repoInput,
      environment: z.string().min(1).optional().describe('Only this environment, e.g. production'),
      weeks: z.number().int().min(1).max(26).default(8),
    }),
  output: () =>
    z.object({
      since: z.string(),
      until: z.string(),
      environments: environmentTable.schema,
      deployments_counted: z.number(),
      capped: z.boolean().describe('True when the page limit stopped the count before the window start'),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const until = Date.now();
    const start = until - input.weeks * WEEK_MS;
    const weekly = new Map<string, number[]>();
    let counted = 0;
    let capped = false;
    for (let page = 1, fetched = 1; ; fetched++) {
      const response = await rest.repos.listDeployments({ owner, repo, per_page: 100, page, ...(input.environment ? { environment: input.environment } : {}) });
      let reachedStart = false;
      for (const deployment of response.data) {
        const created = Date.parse(deployment.created_at);
        // GitHub lists deployments newest first, so the first older one ends the window.
        if (created < start) {
          reachedStart = true;
          continue;
        }
        const counts = weekly.get(deployment.environment) ?? new Array<number>(input.weeks).fill(0);
        counts[Math.min(input.weeks - 1, Math.floor((until - created) / WEEK_MS))]! += 1;
        weekly.set(deployment.environment, counts);
        counted += 1;
      }
      const next = nextCursorFromLink(response.headers.link);
      if (reachedStart || !next) break;
      if (fetched >= MAX_PAGES) {
        capped = true;
        break;
      }
      page = pageFromCursor(next);
    }
    return {
      since: new Date(start).toISOString(),
      until: new Date(until).toISOString(),
      environments: environmentTable.of(
        [...weekly]
          .map(([environment, counts]) => {
            const total = counts.reduce((sum, count) => sum + count, 0);
            return { environment, total, per_week: round(total / input.weeks)!, weekly: counts };
          })
          .sort((a, b) => b.total - a.total || a.environment.localeCompare(b.environment)),
      ),
      deployments_counted: counted,
      capped,
    };
  },
});

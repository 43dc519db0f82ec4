import { compact, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import { toNumber } from './numbers.js';

export interface ApiRelease {
  version: string;
  shortVersion?: string | null;
  dateCreated?: string | null;
  dateReleased?: string | null;
  newGroups?: number | null;
  commitCount?: number | null;
  deployCount?: number | null;
  lastDeploy?: { environment?: string | null; dateFinished?: string | null } | null;
  projects?: Array<{ slug?: string | null }> | null;
  firstEvent?: string | null;
  lastEvent?: string | null;
  url?: string | null;
  ref?: string | null;
}

export const releaseSummaryOutput = z.object({
  version: z.string(),
  date: z.string().optional(),
  new_issues: z.number().optional(),
  commits: z.number().optional(),
  deploys: z.number().optional(),
  last_deploy: z.string().optional(),
  projects: z.array(z.string()).optional(),
});

/** Releases as a list returns them: one row each. */
export const releaseTable = tableOf(() => releaseSummaryOutput);

export function releaseSummary(release: ApiRelease): z.input<typeof releaseSummaryOutput> {
  const deploy = release.lastDeploy;
  return {
    version: release.version,
    ...compact({
      date: release.dateReleased ?? release.dateCreated,
      new_issues: toNumber(release.newGroups),
      commits: toNumber(release.commitCount),
      deploys: toNumber(release.deployCount),
      last_deploy: deploy?.environment ? `${deploy.environment}${deploy.dateFinished ? ` ${deploy.dateFinished}` : ''}` : undefined,
      projects: release.projects?.map((project) => project?.slug).filter((slug): slug is string => Boolean(slug)),
    }),
  };
}

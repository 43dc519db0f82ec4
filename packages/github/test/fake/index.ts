import type { RouteHandler } from '@toolbridge/testkit';
import { actionsRoutes } from './actions.js';
import { insightsRoutes } from './insights.js';
import { issuesRoutes } from './issues.js';
import { pullsRoutes } from './pulls.js';
import { releasesRoutes } from './releases.js';
import { reposRoutes } from './repos.js';
import { usersRoutes } from './users.js';

/** Every REST route of the fake GitHub; each toolset owns its file. */
export const allRoutes: Record<string, RouteHandler> = {
  ...issuesRoutes,
  ...pullsRoutes,
  ...reposRoutes,
  ...releasesRoutes,
  ...actionsRoutes,
  ...insightsRoutes,
  ...usersRoutes,
};

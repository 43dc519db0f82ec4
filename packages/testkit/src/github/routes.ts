import type { RouteHandler } from '../fake/index.js';
import { actionsRoutes } from './routes/actions.js';
import { commonRoutes } from './routes/common.js';
import { insightsRoutes } from './routes/insights.js';
import { issuesRoutes } from './routes/issues.js';
import { pullsRoutes } from './routes/pulls.js';
import { releasesRoutes } from './routes/releases.js';
import { reposRoutes } from './routes/repos.js';
import { usersRoutes } from './routes/users.js';

/** Every REST route of the fake GitHub; each toolset owns its file. */
export const allRoutes: Record<string, RouteHandler> = {
  ...commonRoutes,
  ...issuesRoutes,
  ...pullsRoutes,
  ...reposRoutes,
  ...releasesRoutes,
  ...actionsRoutes,
  ...insightsRoutes,
  ...usersRoutes,
};

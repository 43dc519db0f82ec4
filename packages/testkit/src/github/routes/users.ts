import type { RouteHandler } from '../../fake/index.js';
import { privateUserJson } from '../shapes.js';
import { world } from '../world.js';

/** Fake GitHub routes for the users toolset, following the REST API's documented shapes. */
export const usersRoutes: Record<string, RouteHandler> = {
  'GET /user': () => ({ body: privateUserJson(world().state) }),
};

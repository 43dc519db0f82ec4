import type { RouteHandler } from '../../fake-upstream.js';

/** Fake GitHub routes for the users toolset, following the REST API's documented shapes. */
export const usersRoutes: Record<string, RouteHandler> = {};

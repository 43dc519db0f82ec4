import type { RouteHandler } from '../../fake-upstream.js';

/** Fake GitHub routes for the pulls toolset, following the REST API's documented shapes. */
export const pullsRoutes: Record<string, RouteHandler> = {};

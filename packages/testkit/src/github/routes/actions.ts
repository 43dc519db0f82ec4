import type { RouteHandler } from '../../fake-upstream.js';

/** Fake GitHub routes for the actions toolset, following the REST API's documented shapes. */
export const actionsRoutes: Record<string, RouteHandler> = {};

import type { RouteHandler } from '../../fake-upstream.js';

/** Fake GitHub routes for the insights toolset, following the REST API's documented shapes. */
export const insightsRoutes: Record<string, RouteHandler> = {};

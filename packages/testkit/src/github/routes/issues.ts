import type { RouteHandler } from '../../fake-upstream.js';

/** Fake GitHub routes for the issues toolset, following the REST API's documented shapes. */
export const issuesRoutes: Record<string, RouteHandler> = {};

import type { RouteHandler } from '../../fake-upstream.js';

/** Fake GitHub routes for the repos toolset, following the REST API's documented shapes. */
export const reposRoutes: Record<string, RouteHandler> = {};

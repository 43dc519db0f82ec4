import type { RouteHandler } from '../../fake-upstream.js';

/** Fake GitHub routes for the releases toolset, following the REST API's documented shapes. */
export const releasesRoutes: Record<string, RouteHandler> = {};

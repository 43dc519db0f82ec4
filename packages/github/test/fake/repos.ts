import type { RouteHandler } from '@toolbridge/testkit';

/** Fake GitHub routes for the repos toolset, following the REST API's documented shapes. */
export const reposRoutes: Record<string, RouteHandler> = {};

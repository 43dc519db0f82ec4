import type { RouteHandler } from '@toolbridge/testkit';

/** Fake GitHub routes for the issues toolset, following the REST API's documented shapes. */
export const issuesRoutes: Record<string, RouteHandler> = {};

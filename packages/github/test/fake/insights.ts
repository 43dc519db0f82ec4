import type { RouteHandler } from '@toolbridge/testkit';

/** Fake GitHub routes for the insights toolset, following the REST API's documented shapes. */
export const insightsRoutes: Record<string, RouteHandler> = {};

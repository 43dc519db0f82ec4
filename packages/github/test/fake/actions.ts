import type { RouteHandler } from '@toolbridge/testkit';

/** Fake GitHub routes for the actions toolset, following the REST API's documented shapes. */
export const actionsRoutes: Record<string, RouteHandler> = {};

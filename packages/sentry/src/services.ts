import { Memo, type ServicesOf, service } from '@toolbridge/core';
import { createClient } from './client.js';
import type { SentrySettings } from './settings.js';

/** What the server keeps for its lifetime: the API client (made at the first call) and its lookups. */
export const services = {
  client: service<ReturnType<typeof createClient>, SentrySettings>(createClient),
  /** The organizations the token sees (slugs), for a default when SENTRY_ORG is not set. */
  organizations: service(() => new Memo<string[]>()),
  /** Project ids by organization/slug: stats and sessions take ids. */
  projectIds: service(() => new Memo<string>()),
  /** Numeric issue ids by organization/short id (PROJ-1A). */
  issueIds: service(() => new Memo<string>()),
};

export type SentryServices = ServicesOf<typeof services>;

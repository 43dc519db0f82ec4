import { urlPath } from '@toolbridge/core';
import type { SentryContext } from '../define.js';
import type { ApiEvent } from './event-shape.js';

/** Event ids Sentry's issue events endpoint takes besides a real one. */
export const RELATIVE_EVENTS = ['latest', 'oldest', 'recommended'] as const;
const isRelative = (id: string) => (RELATIVE_EVENTS as readonly string[]).includes(id);

/**
 * One event of an issue, or undefined when Sentry has none (an issue whose events aged out): `latest`,
 * `oldest` and `recommended` through the issue's endpoint; a real id (32 hex digits) through its
 * project's, which every Sentry version has.
 */
export async function issueEvent(
  context: SentryContext,
  organization: string,
  issueId: string,
  eventId: string,
  project: () => Promise<string>,
): Promise<ApiEvent | undefined> {
  const client = context.services.client;
  if (isRelative(eventId)) return client.getOptional<ApiEvent>(urlPath`/organizations/${organization}/issues/${issueId}/events/${eventId}/`);
  return client.getOptional<ApiEvent>(urlPath`/projects/${organization}/${await project()}/events/${eventId.toLowerCase()}/`);
}

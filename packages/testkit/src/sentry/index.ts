import { type FakeRequest, type Fault, loadOpenApi, type RequestMatch, type RouteHandler, startFake, tokenAuth } from '../fake/index.js';
import { apiSpecFile } from '../specs.js';
import { notFound, sentryError } from './paging.js';
import { sentryRoutes } from './routes.js';
import type { World } from './shapes.js';
import { createSentryState, type SentryState } from './state.js';

const ISSUE_UPDATE = 'PUT /api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/';

/** Sentry's published description, read the way every fake reads one (loaded once, shared by every fake started). */
export const sentryApi = () =>
  loadOpenApi(apiSpecFile('sentry/openapi-derefed.json'), {
    name: "Sentry's API",
    // Sentry lists every field of an issue update as required, yet takes partial updates.
    partialBodies: [ISSUE_UPDATE, 'PUT /api/0/organizations/{organization_id_or_slug}/issues/'],
  });

export interface FakeSentryOptions {
  /** Every request must carry `Authorization: Bearer <token>`, else 401 as Sentry answers. */
  token?: string;
  /** Serve under this path, as a self-hosted Sentry behind a proxy might (e.g. /sentry). */
  basePath?: string;
  /**
   * Answer as an older self-hosted Sentry does: fields newer versions added are absent, and others null.
   * Answers are then not checked against the (current) description.
   */
  selfHosted?: boolean;
  state?: SentryState;
  /** User reports per page (Sentry: 100). */
  feedbackPageSize?: number;
  /**
   * Check every request and answer against Sentry's published description (default true). `false` serves
   * the same routes unchecked, for the demo on a machine without the descriptions (TOOLBRIDGE_API_SPECS).
   */
  validate?: boolean;
}

export interface FakeSentry {
  /** What SENTRY_URL should be: the origin, plus basePath. */
  url: string;
  requests: FakeRequest[];
  /** Every way a request, or the fake's own answer, departed from Sentry's published description. */
  problems: string[];
  state: SentryState;
  /** Queues a one-shot fault; a string path is under /api/0 (`/organizations/acme/issues/`). */
  queue(fault: Fault): void;
  close(): Promise<void>;
}

/** A 429 as Sentry's API limiter sends it: the reset time (epoch seconds) in X-Sentry-Rate-Limit-Reset, no Retry-After. */
export function sentryRateLimit(waitSeconds = 1, match: RequestMatch = {}): Fault {
  return {
    ...match,
    status: 429,
    headers: {
      'x-sentry-rate-limit-limit': '40',
      'x-sentry-rate-limit-remaining': '0',
      'x-sentry-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + waitSeconds),
    },
    body: { detail: 'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds' },
  };
}

// What an older self-hosted Sentry leaves out, or sends as null.
const ABSENT = new Set([
  'derivedData',
  'seerFixabilityScore',
  'seerAutofixLastTriggered',
  'seerExplorerAutofixLastTriggered',
  'priority',
  'priorityLockedAt',
  'substatus',
  'isUnhandled',
  'issueCategory',
  'count',
  'links',
  'hasSessions',
  'latestRelease',
]);
const NULLED = new Set([
  'userCount',
  'firstSeen',
  'tags',
  'topValues',
  'contexts',
  'user',
  'release',
  'inApp',
  'context',
  'colNo',
  'platform',
  'teams',
  'mechanism',
  'dateCreated',
  'newGroups',
]);

function asOldSentry(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asOldSentry);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (ABSENT.has(key)) continue;
    out[key] = NULLED.has(key) ? null : asOldSentry(item);
  }
  return out;
}

const asOld =
  (handler: RouteHandler): RouteHandler =>
  async (request) => {
    const response = await handler(request);
    return (response.status ?? 200) < 300 ? { ...response, body: asOldSentry(response.body) } : response;
  };

/**
 * A fake Sentry on 127.0.0.1 (on testkit's generic fake): the /api/0 paths of Sentry's published
 * description, with Link cursors, X-Hits, Sentry's error bodies and rate-limit headers. Every request is
 * checked against the description (a departure goes to `problems` and is refused as Sentry would: 400, or
 * 404 for an unknown endpoint), and so is every answer of the fake itself.
 */
export async function startFakeSentry(options: FakeSentryOptions = {}): Promise<FakeSentry> {
  const state = options.state ?? createSentryState();
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const world: World = { state, url: '', feedbackPageSize: options.feedbackPageSize ?? 100 };
  const routes = Object.fromEntries(Object.entries(sentryRoutes(world)).map(([key, handler]) => [key, options.selfHosted ? asOld(handler) : handler]));
  const fake = await startFake({
    basePath,
    routes,
    ...(options.token
      ? {
          auth: tokenAuth({
            tokens: options.token,
            missing: sentryError(401, 'Authentication credentials were not provided.'),
            invalid: sentryError(401, 'Invalid token'),
          }),
        }
      : {}),
    ...(options.validate === false
      ? {}
      : {
          openapi: {
            description: sentryApi(),
            invalid: (problems: string[]) => sentryError(400, problems.join('\n')),
            checkResponses: !options.selfHosted,
          },
        }),
    notFound,
  });
  world.url = `${fake.url}${basePath}`;
  const underApi = (path: Fault['path']) => (typeof path === 'string' ? `/api/0${path}` : path);
  return {
    url: world.url,
    requests: fake.requests,
    problems: fake.problems,
    state,
    queue: (fault) => fake.queue({ ...fault, ...(fault.path === undefined ? {} : { path: underApi(fault.path) }) }),
    close: fake.close,
  };
}

export type { FakeSentryIngest, SentryEnvelope } from './ingest.js';
export { startFakeSentryIngest } from './ingest.js';
export type * from './state.js';
export { createSentryState, EVENT_SECRET, SENTRY_INJECTION } from './state.js';

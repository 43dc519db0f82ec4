import type { FakeRequest, FakeResponse, RouteHandler } from '../fake-upstream.js';
import { startFakeUpstream } from '../fake-upstream.js';
import { sentryRequestProblems, sentryResponseProblems } from './openapi.js';
import { notFound, sentryError } from './paging.js';
import { sentryRoutes } from './routes.js';
import type { World } from './shapes.js';
import { createSentryState, type SentryState } from './state.js';

export interface SentryOneShot {
  method?: string;
  /** A path under /api/0 or a pattern; any path when absent. */
  path?: string | RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

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
  feedbackPageSize?: number;
}

export interface FakeSentry {
  /** What SENTRY_URL should be: the origin, plus basePath. */
  url: string;
  requests: FakeRequest[];
  /** Every way a request, or the fake's own answer, departed from Sentry's published description. */
  problems: string[];
  state: SentryState;
  /** Queues a one-shot answer, served instead of the route to the next matching request. */
  queue(response: SentryOneShot): void;
  close(): Promise<void>;
}

/** A 429 as Sentry's API limiter sends it: the reset time (epoch seconds) in X-Sentry-Rate-Limit-Reset. */
export function sentryRateLimit(waitSeconds = 1, match: Pick<SentryOneShot, 'method' | 'path'> = {}): SentryOneShot {
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

/**
 * A fake Sentry on 127.0.0.1: the /api/0 paths of Sentry's published description, with Link cursors,
 * X-Hits, Sentry's error bodies and rate-limit headers. Every request is checked against the description
 * (a departure goes to `problems` and is refused as Sentry would: 400, or 404 for an unknown endpoint),
 * and so is every answer of the fake itself.
 */
export async function startFakeSentry(options: FakeSentryOptions = {}): Promise<FakeSentry> {
  const state = options.state ?? createSentryState();
  const base = (options.basePath ?? '').replace(/\/+$/, '');
  const problems: string[] = [];
  const oneShots: SentryOneShot[] = [];
  const world: World = { state, url: '', feedbackPageSize: options.feedbackPageSize ?? 100 };
  const routes = sentryRoutes(world);

  const takeOneShot = (method: string, path: string) => {
    const index = oneShots.findIndex(
      (shot) =>
        (!shot.method || shot.method.toUpperCase() === method) &&
        (!shot.path || (typeof shot.path === 'string' ? `/api/0${shot.path}` === path : shot.path.test(path))),
    );
    return index < 0 ? undefined : oneShots.splice(index, 1)[0];
  };

  const unauthorized = (request: FakeRequest): FakeResponse | undefined => {
    if (!options.token) return undefined;
    const header = request.headers.authorization;
    if (!header) return sentryError(401, 'Authentication credentials were not provided.');
    return header === `Bearer ${options.token}` ? undefined : sentryError(401, 'Invalid token');
  };

  const serve =
    (handler: RouteHandler | undefined): RouteHandler =>
    async (request) => {
      const path = request.path.slice(base.length) || '/';
      const shot = takeOneShot(request.method, path);
      if (shot) return shot;
      const refused = unauthorized(request);
      if (refused) return refused;
      const found = sentryRequestProblems({ method: request.method, path, query: request.query, body: request.body });
      if (found.length) {
        problems.push(...found);
        return !handler || found.some((problem) => problem.includes('no such endpoint')) ? notFound() : sentryError(400, found.join('\n'));
      }
      if (!handler) {
        problems.push(`${request.method} ${path}: documented by Sentry but not served by the fake`);
        return notFound();
      }
      const response = await handler(request);
      const status = response.status ?? 200;
      if (status < 300 && response.body !== undefined) {
        if (options.selfHosted) return { ...response, body: asOldSentry(response.body) };
        problems.push(...sentryResponseProblems(request.method, path, status, response.body));
      }
      return response;
    };

  const mounted: Record<string, RouteHandler> = {};
  for (const [key, handler] of Object.entries(routes)) {
    const [method, path] = key.split(' ') as [string, string];
    mounted[`${method} ${base}${path}`] = serve(handler);
  }
  for (const method of ['GET', 'POST', 'PUT', 'DELETE']) mounted[`${method} /:rest*`] = serve(undefined);

  const upstream = await startFakeUpstream(mounted);
  world.url = `${upstream.url}${base}`;
  return { url: world.url, requests: upstream.requests, problems, state, queue: (response) => void oneShots.push(response), close: upstream.close };
}

export { findSentryOperation, rewriteNullable, sentryRequestProblems, sentryResponseProblems } from './openapi.js';
export type * from './state.js';
export { createSentryState, EVENT_SECRET, SENTRY_INJECTION } from './state.js';

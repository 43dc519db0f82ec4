import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AuthCheck } from './auth.js';
import { type Fault, FaultQueue, type RateLimit, RateLimiter, replacesAnswer } from './faults.js';
import { type GraphqlOptions, runGraphql } from './graphql.js';
import type { OpenApi } from './openapi.js';
import { type FakeRequest, type FakeResponse, readRequest } from './request.js';
import { type RouteHandler, Router, type Routes } from './router.js';
import { send } from './send.js';

export interface OpenApiCheck {
  description: OpenApi;
  /** The answer to a request that departs from the description (default 400 listing the problems). */
  invalid?: (problems: string[], request: FakeRequest) => FakeResponse;
  /** Also check every 2xx JSON answer against its documented schema (default true). */
  checkResponses?: boolean;
  /** Routes the description lacks, served unchecked (keeping them apart keeps the gap visible). */
  undocumented?: Routes;
}

export interface GraphqlEndpoint extends GraphqlOptions {
  /** Where it is served, e.g. /graphql (outside basePath). */
  path: string;
  /** The root value resolvers start from, per request. */
  root: (request: FakeRequest) => unknown;
  /** The status of an answer refusing the document (GitHub 200, Linear 400; default 400). A missing query is always 400. */
  refusedStatus?: number;
}

export interface FakeOptions {
  /** REST routes, relative to basePath. */
  routes?: Routes;
  /** Where the REST API lives (GitHub Enterprise: /api/v3, Slack: /api); routes and the description are relative to it. */
  basePath?: string;
  /** Checks every request before it reaches a route or the GraphQL endpoint, e.g. tokenAuth(…). */
  auth?: AuthCheck;
  /** Validate REST requests (and answers) against an OpenAPI description. */
  openapi?: OpenApiCheck;
  graphql?: GraphqlEndpoint;
  /** Headers on every answer, faults included; an answer's own headers win (rate-limit counters, request ids). */
  headers?: (request: FakeRequest) => Record<string, string>;
  /** Runs each route and GraphQL execution inside, e.g. an AsyncLocalStorage context. */
  around?: <T>(run: () => T) => T;
  /** The service's 404 (default {message: 'Not Found'}). */
  notFound?: (request: FakeRequest) => FakeResponse;
  /** Serve https with this key and certificate (see selfSignedCertificate); the URL is then https://127.0.0.1:<port>. */
  tls?: { key: string; cert: string };
}

export interface FakeUpstream {
  /** The origin, e.g. http://127.0.0.1:43121 */
  url: string;
  /** Every request received, in order. */
  requests: FakeRequest[];
  /**
   * Every departure from the service's descriptions: invalid or undocumented requests, routes the fake
   * lacks, answers that break their schema, handlers that threw. Tests assert it is empty.
   */
  problems: string[];
  /** Queues a one-shot fault (an answer, a delay, a cut) for the next matching request(s). */
  queue(fault: Fault): void;
  /** Limits matching requests to `limit` per window from now on; without an argument, lifts the limit. */
  rateLimit(limit?: RateLimit): void;
  close(): Promise<void>;
}

const defaultNotFound = (): FakeResponse => ({ status: 404, body: { message: 'Not Found' } });
const defaultInvalid = (problems: string[]): FakeResponse => ({ status: 400, body: { message: 'Invalid request', problems } });

/**
 * Starts a fake upstream on 127.0.0.1:0. A request is recorded, then meets in turn: a queued fault, the
 * rate limit, the auth check, and the GraphQL endpoint or the REST routes (checked against the
 * description when there is one).
 */
export async function startFake(options: FakeOptions): Promise<FakeUpstream> {
  const { basePath = '', around = (run) => run(), notFound = defaultNotFound } = options;
  const requests: FakeRequest[] = [];
  const problems: string[] = [];
  const faults = new FaultQueue();
  const routes = new Router(options.routes);
  const undocumented = new Router(options.openapi?.undocumented);
  let limiter: RateLimiter | undefined;

  const relativePath = (path: string) => (path === basePath || path.startsWith(`${basePath}/`) ? path.slice(basePath.length) || '/' : undefined);
  const run = async (handler: RouteHandler, request: FakeRequest) => around(() => handler(request));

  const graphql = async (endpoint: GraphqlEndpoint, request: FakeRequest): Promise<FakeResponse> => {
    const { query, variables } = (request.json ?? {}) as { query?: unknown; variables?: unknown };
    const outcome = await around(() => runGraphql(query, variables, endpoint.root(request), endpoint));
    problems.push(...outcome.problems);
    const status = !outcome.refused ? 200 : typeof query === 'string' ? (endpoint.refusedStatus ?? 400) : 400;
    return { status, body: outcome.body };
  };

  const rest = async (request: FakeRequest, path: string): Promise<FakeResponse> => {
    const route = routes.match(request.method, path);
    if (route) request.params = route.params;
    const check = options.openapi;
    if (!check) return route ? run(route.handler, request) : notFound(request);
    const unchecked = undocumented.match(request.method, path);
    if (unchecked) {
      request.params = unchecked.params;
      return run(unchecked.handler, request);
    }
    const where = `${request.method} ${path}`;
    const { description } = check;
    const found = description.requestProblems({
      method: request.method,
      path,
      query: request.query,
      body: request.body,
      contentType: request.headers['content-type'],
    });
    problems.push(...found);
    if (!description.findOperation(request.method, path)) return notFound(request);
    if (!route) {
      if (!found.length) problems.push(`${where}: documented in ${description.name} but not implemented by the fake`);
      return notFound(request);
    }
    if (found.length) return (check.invalid ?? defaultInvalid)(found, request);
    const response = await run(route.handler, request);
    const status = response.status ?? 200;
    if (check.checkResponses !== false && status < 300 && response.body !== undefined && typeof response.body === 'object' && !Buffer.isBuffer(response.body)) {
      problems.push(...description.responseProblems(request.method, path, status, response.body));
    }
    return response;
  };

  const answer = async (request: FakeRequest, paths: string[], fault: Fault | undefined): Promise<FakeResponse> => {
    if (fault && replacesAnswer(fault)) return fault;
    const refused = limiter?.refuse(request.method, paths) ?? options.auth?.(request);
    if (refused) return refused;
    if (options.graphql && request.path === options.graphql.path && request.method === 'POST') return graphql(options.graphql, request);
    const path = relativePath(request.path);
    return path === undefined ? notFound(request) : rest(request, path);
  };

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const request = await readRequest(incoming);
    requests.push(request);
    const paths = [relativePath(request.path) ?? request.path, request.path];
    const fault = faults.take(request.method, paths);
    let response: FakeResponse;
    try {
      response = await answer(request, paths, fault);
    } catch (error) {
      problems.push(`${request.method} ${request.path}: the fake's handler failed: ${String(error)}`);
      response = { status: 500, body: { message: `fake upstream handler failed: ${String(error)}` } };
    }
    // A fault that leaves the answer to the route may still add headers to it.
    await send(outgoing, { ...response, headers: { ...options.headers?.(request), ...response.headers, ...fault?.headers } }, fault);
  };
  const server = options.tls ? createTlsServer(options.tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: options.tls ? `https://127.0.0.1:${port}` : `http://127.0.0.1:${port}`,
    requests,
    problems,
    queue: (fault) => faults.add(fault),
    rateLimit: (limit) => {
      limiter = limit ? new RateLimiter(limit) : undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fake upstream with nothing but routes: startFakeUpstream({ 'GET /items/:id': (request) => ({ body: … }) }). */
export function startFakeUpstream(routes: Routes): Promise<FakeUpstream> {
  return startFake({ routes });
}

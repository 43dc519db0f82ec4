import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and buffers as they are. */
  body?: unknown;
}

export type RouteHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** Routes keyed "METHOD /path/:param"; the first match wins. A function handles everything. */
export type Routes = Record<string, RouteHandler> | RouteHandler;

export interface FakeUpstream {
  /** Base URL, e.g. http://127.0.0.1:43121 */
  url: string;
  /** Every request received, in order. */
  requests: FakeRequest[];
  close(): Promise<void>;
}

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

function compile(routes: Record<string, RouteHandler>): CompiledRoute[] {
  return Object.entries(routes).map(([key, handler]) => {
    const [method, path] = key.split(' ') as [string, string];
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          names.push(segment.slice(1).replace(/\*$/, ''));
          return segment.endsWith('*') ? '(.+)' : '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return { method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), names, handler };
  });
}

/** Starts an HTTP server on 127.0.0.1:0 that answers like an upstream API and records every request. */
export async function startFakeUpstream(routes: Routes): Promise<FakeUpstream> {
  const compiled = typeof routes === 'function' ? [] : compile(routes);
  const requests: FakeRequest[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const request: FakeRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      params: {},
      body,
      json,
    };
    requests.push(request);
    let handler: RouteHandler | undefined = typeof routes === 'function' ? routes : undefined;
    for (const route of compiled) {
      const match = route.method === request.method ? route.pattern.exec(request.path) : null;
      if (match) {
        request.params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
        handler = route.handler;
        break;
      }
    }
    let response: FakeResponse;
    try {
      response = handler ? await handler(request) : { status: 404, body: { message: 'Not Found' } };
    } catch (error) {
      response = { status: 500, body: { message: `fake upstream handler failed: ${String(error)}` } };
    }
    const payload = response.body;
    const isRaw = typeof payload === 'string' || Buffer.isBuffer(payload);
    const headers = { ...(payload !== undefined && !isRaw ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...response.headers };
    outgoing.writeHead(response.status ?? 200, headers);
    outgoing.end(payload === undefined ? undefined : isRaw ? payload : JSON.stringify(payload));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

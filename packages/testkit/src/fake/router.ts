import type { FakeRequest, FakeResponse } from './request.js';

export type RouteHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/**
 * Routes keyed "METHOD /path/:param": `:name` matches one segment, `:name*` the rest of the path (slashes
 * included), and the method `*` any method. The first match wins.
 */
export type Routes = Record<string, RouteHandler>;

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

export interface RouteMatch {
  handler: RouteHandler;
  params: Record<string, string>;
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: Routes = {}) {
    this.compiled = Object.entries(routes).map(([key, handler]) => {
      const [method, path] = key.split(' ') as [string, string];
      const names: string[] = [];
      const source = path
        .split('/')
        .map((segment) => {
          if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(segment.slice(1).replace(/\*$/, ''));
          return segment.endsWith('*') ? '(.+)' : '([^/]+)';
        })
        .join('/');
      return { method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), names, handler };
    });
  }

  match(method: string, path: string): RouteMatch | undefined {
    for (const route of this.compiled) {
      const found = route.method === '*' || route.method === method ? route.pattern.exec(path) : null;
      if (found) {
        const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)]));
        return { handler: route.handler, params };
      }
    }
    return undefined;
  }
}

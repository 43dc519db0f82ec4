import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** A request as the fake received and recorded it. */
export interface FakeRequest {
  method: string;
  /** The path as received, base path included. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Route parameters (":name" in the route key), decoded. */
  params: Record<string, string>;
  /** The fake's origin as the client addressed it (http://127.0.0.1:41234): links in answers start with it. */
  origin: string;
  /** The raw body ('' when there is none). */
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  /** The body's fields, when it is form-encoded (application/x-www-form-urlencoded). */
  form: URLSearchParams | undefined;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and buffers as they are. */
  body?: unknown;
}

export async function readRequest(incoming: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  const form = incoming.headers['content-type']?.includes('application/x-www-form-urlencoded') ? new URLSearchParams(body) : undefined;
  let json: unknown;
  try {
    json = body && !form ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return {
    method: incoming.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    params: {},
    origin: `${'encrypted' in incoming.socket ? 'https' : 'http'}://${incoming.headers.host ?? '127.0.0.1'}`,
    body,
    json,
    form,
  };
}

/**
 * A named input wherever the client put it: the query, a form body or a JSON body's field (APIs such as
 * Slack's take each argument in any of them). Non-string JSON values come back as their JSON text.
 */
export function requestInput(request: FakeRequest, name: string): string | undefined {
  const value = request.query.get(name) ?? request.form?.get(name) ?? (request.json as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

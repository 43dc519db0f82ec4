import { redact, sanitizeUntrusted, truncate, untrusted } from '@toolbridge/core';

/** The parts of an event this server reads; Sentry versions and SDKs leave any of them out or null. */
export interface ApiEvent {
  id?: string | null;
  eventID?: string | null;
  groupID?: string | null;
  title?: string | null;
  message?: string | null;
  culprit?: string | null;
  dateCreated?: string | null;
  dateReceived?: string | null;
  platform?: string | null;
  tags?: Array<{ key?: string | null; value?: string | null }> | null;
  entries?: Array<{ type?: string | null; data?: unknown }> | null;
  release?: { version?: string | null } | null;
  user?: { id?: string | null; email?: string | null; username?: string | null; ip_address?: string | null } | null;
  contexts?: Record<string, { name?: string | null; version?: string | null } | null> | null;
  sdk?: { name?: string | null; version?: string | null } | null;
}

export interface ApiFrame {
  filename?: string | null;
  absPath?: string | null;
  module?: string | null;
  function?: string | null;
  lineNo?: number | null;
  colNo?: number | null;
  inApp?: boolean | null;
  context?: Array<[number, string]> | null;
}

export interface ApiException {
  type?: string | null;
  value?: string | null;
  module?: string | null;
  mechanism?: { type?: string | null; handled?: boolean | null } | null;
  stacktrace?: { frames?: ApiFrame[] | null } | null;
}

interface ApiBreadcrumb {
  timestamp?: string | number | null;
  level?: string | null;
  category?: string | null;
  type?: string | null;
  message?: string | null;
  data?: Record<string, unknown> | null;
}

const entry = (event: ApiEvent, type: string): unknown => event.entries?.find((candidate) => candidate?.type === type)?.data;

/** The event's exceptions, the one raised last first (Sentry lists the chain cause first). */
export function exceptionsOf(event: ApiEvent): ApiException[] {
  const data = entry(event, 'exception') as { values?: ApiException[] | null } | undefined;
  return [...(data?.values ?? [])].filter(Boolean).reverse();
}

/** A frame as one line: "src/checkout.ts:42:7 in applyDiscount". */
export function frameLine(frame: ApiFrame): string {
  const file = frame.filename ?? frame.absPath ?? frame.module ?? '?';
  const position = frame.lineNo ? `:${frame.lineNo}${frame.colNo ? `:${frame.colNo}` : ''}` : '';
  return sanitizeUntrusted(`${file}${position} in ${frame.function ?? '?'}`);
}

/** Frames the crash went through, innermost (where it was raised) first. */
export const framesOf = (exception: ApiException | undefined): ApiFrame[] => [...(exception?.stacktrace?.frames ?? [])].filter(Boolean).reverse();

/** The in-app frames of an exception as lines, innermost first; all frames when none is marked in-app. */
export function inAppFrames(exception: ApiException | undefined, max: number): { frames: string[]; inApp: boolean } {
  const frames = framesOf(exception);
  const app = frames.filter((frame) => frame.inApp);
  return { frames: (app.length ? app : frames).slice(0, max).map(frameLine), inApp: app.length > 0 };
}

/** The source lines around the innermost in-app frame, when the SDK sent them (fenced: events are sender-controlled). */
export function crashContext(exception: ApiException | undefined, source: string): string | undefined {
  const frame = framesOf(exception).find((candidate) => candidate.inApp && candidate.context?.length);
  if (!frame?.context) return undefined;
  const lines = frame.context.map(([number, line]) => `${number === frame.lineNo ? '>' : ' '}${number} ${truncate(String(line ?? ''), 200)}`);
  return untrusted(lines.join('\n'), `${source}, ${frameLine(frame)}`);
}

/** "TypeError: x is undefined" for the exception raised last, fenced. */
export function exceptionText(exception: ApiException | undefined, source: string): string | undefined {
  if (!exception) return undefined;
  const text = [exception.type, exception.value].filter(Boolean).join(': ');
  return text ? untrusted(truncate(text, 2000), source) : undefined;
}

/** The last `count` breadcrumbs as one fenced block of lines, oldest first. */
export function breadcrumbsText(event: ApiEvent, count: number, source: string): string | undefined {
  const data = entry(event, 'breadcrumbs') as { values?: ApiBreadcrumb[] | null } | undefined;
  const crumbs = (data?.values ?? []).filter(Boolean).slice(-count);
  if (!crumbs.length) return undefined;
  const lines = crumbs.map((crumb) => {
    const time = typeof crumb.timestamp === 'number' ? new Date(crumb.timestamp * 1000).toISOString() : (crumb.timestamp ?? '');
    const detail = crumb.message ?? (crumb.data && Object.keys(crumb.data).length ? JSON.stringify(crumb.data) : '');
    return truncate(`${String(time).slice(11, 23)} ${crumb.level ?? 'info'} [${crumb.category ?? crumb.type ?? '-'}] ${detail}`.replace(/[\r\n]+/g, ' '), 300);
  });
  return untrusted(lines.join('\n'), `${source} breadcrumbs`);
}

export function tagsOf(event: ApiEvent): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of event.tags ?? []) if (tag?.key && tag.value != null) tags[tag.key] = sanitizeUntrusted(String(tag.value));
  return tags;
}

const SENSITIVE_HEADER = /^(authorization|cookie|set-cookie|proxy-authorization|x-api-key|x-auth-token|x-csrf-token)$/i;

/**
 * The HTTP request an event carries (method, URL, a few headers, body), through core's redaction and with
 * credentials and cookies left out whatever the SDK scrubbed; fenced, since the sender controls all of it.
 */
export function requestText(event: ApiEvent, source: string): string | undefined {
  const data = entry(event, 'request') as
    | { method?: string | null; url?: string | null; query?: unknown; headers?: Array<[string, string]> | null; data?: unknown }
    | undefined;
  if (!data?.url) return undefined;
  const query = Array.isArray(data.query)
    ? new URLSearchParams(data.query as Array<[string, string]>).toString()
    : typeof data.query === 'string'
      ? data.query
      : '';
  const headers = (data.headers ?? [])
    .filter((pair) => Array.isArray(pair) && !SENSITIVE_HEADER.test(String(pair[0])))
    .map(([name, value]) => `${name}: ${truncate(String(value), 200)}`);
  const body = data.data == null ? '' : truncate(typeof data.data === 'string' ? data.data : JSON.stringify(data.data), 1000);
  const text = [`${data.method ?? 'GET'} ${data.url}${query ? `?${query}` : ''}`, ...headers, ...(body ? ['', body] : [])].join('\n');
  return untrusted(redact(text), `${source} request`);
}

/** The event's message when it differs from its title (a log message, or the error's text). */
export function messageOf(event: ApiEvent): string | undefined {
  const data = entry(event, 'message') as { formatted?: string | null; message?: string | null } | undefined;
  return data?.formatted ?? data?.message ?? event.message ?? undefined;
}

/** "Chrome 120 on Windows 10" style summary of the runtime contexts, when present. */
export function environmentOf(event: ApiEvent): string | undefined {
  const named = (key: string) => {
    const context = event.contexts?.[key];
    return context?.name ? [context.name, context.version].filter(Boolean).join(' ') : undefined;
  };
  const parts = [named('browser') ?? named('runtime'), named('os'), named('device')].filter(Boolean);
  return parts.length ? sanitizeUntrusted(parts.join(', ')) : undefined;
}

export const userOf = (event: ApiEvent): string | undefined => {
  const user = event.user;
  const who = user?.email ?? user?.username ?? (user?.id ? `id:${user.id}` : undefined) ?? user?.ip_address ?? undefined;
  return who ? sanitizeUntrusted(who) : undefined;
};

import { z } from 'zod';
import { ToolbridgeError, UpstreamError } from './errors.js';
import { requestedWaitMs } from './http/retry.js';
import { redact } from './redact.js';

/** How a server names its upstream and credential in error messages. */
export interface UpstreamLabel {
  /** e.g. "GitHub" */
  service: string;
  /** e.g. "the token in GITHUB_PERSONAL_ACCESS_TOKEN" */
  credential?: string;
}

interface StatusBearing {
  status: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> | Headers; data?: unknown };
}

const hasStatus = (error: unknown): error is StatusBearing =>
  typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';

/** Turns anything a handler threw into one actionable, redacted sentence: what failed, why, what to do. */
export function describeError(error: unknown, upstream: UpstreamLabel | undefined): string {
  return redact(describe(error, upstream));
}

function describe(error: unknown, upstream: UpstreamLabel | undefined): string {
  if (error instanceof UpstreamError) return describeStatus(error.status, error.message, error.service, upstream, error.retryAfterSeconds, error.hint);
  if (error instanceof ToolbridgeError) return withHint(error.message, error.hint);
  if (error instanceof z.ZodError) {
    return withHint(
      `unexpected data: ${error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ')}`,
      'This is likely a bug in the server; please report it.',
    );
  }
  if (hasStatus(error) && error.status >= 400) {
    const headers = error.response?.headers;
    const headerBag =
      headers instanceof Headers
        ? headers
        : new Headers(Object.entries(headers ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const waitMs = requestedWaitMs(new Response(null, { status: 200, headers: headerBag }));
    return describeStatus(
      error.status,
      upstreamMessage(error),
      upstream?.service ?? 'the upstream',
      upstream,
      waitMs === undefined ? undefined : Math.ceil(waitMs / 1000),
    );
  }
  const name = (error as Error | undefined)?.name;
  if (name === 'AbortError') return 'the call was cancelled';
  if (name === 'TimeoutError') return withHint('the call timed out', 'Retry, or narrow the request.');
  if (error instanceof Error) return withHint(`internal error: ${error.message}`, 'This is likely a bug in the server; please report it.');
  return `internal error: ${String(error)}`;
}

function upstreamMessage(error: StatusBearing): string {
  const data = error.response?.data as { message?: unknown; error?: unknown; errors?: unknown } | undefined;
  if (data && typeof data.message === 'string') {
    const details = Array.isArray(data.errors)
      ? data.errors.map((item) => (typeof item === 'string' ? item : ((item as { message?: string }).message ?? JSON.stringify(item)))).join('; ')
      : '';
    return details ? `${data.message} (${details})` : data.message;
  }
  if (data && typeof data.error === 'string') return data.error;
  return error.message ?? '';
}

function describeStatus(
  status: number,
  message: string,
  service: string,
  upstream: UpstreamLabel | undefined,
  retryAfterSeconds: number | undefined,
  hint?: string,
): string {
  const said = message ? `: ${message.slice(0, 500)}` : '';
  const credential = upstream?.credential ?? 'the configured credential';
  if (status === 401)
    return withHint(
      `${service} returned 401: ${credential} is missing, invalid or expired${said}`,
      hint ?? `Set a valid value in ${credential.replace(/^the (token|key) in /, '')} and restart the server.`,
    );
  if ((status === 429 || status === 403) && retryAfterSeconds !== undefined) {
    return withHint(
      `${service} rate limit reached (${status})${said}`,
      `Retry after ${retryAfterSeconds} s (at ${new Date(Date.now() + retryAfterSeconds * 1000).toISOString()}).`,
    );
  }
  if (status === 403)
    return withHint(
      `${service} returned 403${said}`,
      hint ?? `${capitalize(credential)} lacks the permission or scope this needs; grant it, or use a different account.`,
    );
  if (status === 404)
    return withHint(`${service} returned 404: not found, or ${credential} cannot see it${said}`, hint ?? 'Check the names and numbers in the arguments.');
  if (status === 409 || status === 422 || status === 400)
    return withHint(`${service} rejected the request (${status})${said}`, hint ?? 'Fix the arguments named in the message and call again.');
  if (status === 429) return withHint(`${service} rate limit reached (429)${said}`, 'Wait a minute and retry.');
  if (status >= 500) return withHint(`${service} failed with ${status}${said}`, hint ?? 'This is on the upstream side; retry later.');
  return withHint(`${service} returned ${status}${said}`, hint);
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function withHint(message: string, hint: string | undefined): string {
  return hint ? `${message}. ${hint}` : message;
}

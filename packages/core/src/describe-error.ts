import * as z from 'zod';
import { ToolbridgeError, UpstreamError } from './errors.js';
import { redact } from './redact.js';
import { sanitizeUntrusted, untrusted } from './untrusted.js';
import { type FailureKind, retryAfterMs, type UpstreamAdapter } from './upstream.js';

/** An upstream's own words longer than this are cut; past PLAIN_LENGTH, or with markup or lines, they are fenced. */
const MAX_UPSTREAM_TEXT = 500;
const PLAIN_LENGTH = 200;

interface StatusBearing {
  status: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> | Headers };
}

const hasStatus = (error: unknown): error is StatusBearing =>
  typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';

/** Turns anything a handler threw into one actionable, redacted sentence: what failed, why, what to do. */
export function describeError(error: unknown, upstream: UpstreamAdapter | undefined): string {
  return redact(describe(upstream?.toError?.(error) ?? error, upstream));
}

function describe(error: unknown, upstream: UpstreamAdapter | undefined): string {
  if (error instanceof UpstreamError) return describeFailure(error, upstream);
  if (error instanceof ToolbridgeError) return withHint(error.message, error.hint);
  if (error instanceof z.ZodError) {
    const problems = error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    return withHint(`unexpected data: ${problems}`, 'This is likely a bug in the server; please report it.');
  }
  if (hasStatus(error) && error.status >= 400) return describeFailure(fromStatus(error, upstream), upstream);
  const name = (error as Error | undefined)?.name;
  if (name === 'AbortError') return 'the call was cancelled';
  if (name === 'TimeoutError') return withHint('the call timed out', 'Retry, or narrow the request.');
  if (error instanceof Error) return withHint(`internal error: ${error.message}`, 'This is likely a bug in the server; please report it.');
  return `internal error: ${String(error)}`;
}

/** An error from a client library that carries an HTTP status but that no adapter converted. */
function fromStatus(error: StatusBearing, upstream: UpstreamAdapter | undefined): UpstreamError {
  const headers = error.response?.headers;
  const bag =
    headers instanceof Headers
      ? headers
      : new Headers(Object.entries(headers ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const waitMs = retryAfterMs(bag);
  return new UpstreamError(upstream?.service ?? 'the upstream', error.status, error.message ?? '', {
    ...(waitMs === undefined ? {} : { retryAfterSeconds: Math.ceil(waitMs / 1000) }),
  });
}

/** An upstream's own text, sanitized and cut; fenced when it is more than a plain short sentence. */
export function quoteUpstream(text: string, service: string): string {
  const clean = sanitizeUntrusted(text).trim();
  if (!clean) return '';
  const cut = clean.length > MAX_UPSTREAM_TEXT ? `${clean.slice(0, MAX_UPSTREAM_TEXT)}…[cut: ${clean.length - MAX_UPSTREAM_TEXT} characters]` : clean;
  return cut.length <= PLAIN_LENGTH && !/[<>\n\r`]/.test(cut) ? cut : untrusted(cut, `${service}'s answer`);
}

function describeFailure(error: UpstreamError, upstream: UpstreamAdapter | undefined): string {
  const service = error.service;
  const said = error.message ? `: ${quoteUpstream(error.message, service)}` : '';
  const status = error.status === undefined ? '' : ` (${error.status})`;
  const answered = error.status === undefined ? `${service} refused the request` : `${service} returned ${error.status}`;
  const credential = upstream?.credential ?? 'the configured credential';
  const hint = error.hint ?? upstream?.hints?.[error.kind];
  const kind: FailureKind = error.kind;
  switch (kind) {
    case 'auth':
      return withHint(
        `${answered}: ${credential} is missing, invalid or expired${said}`,
        hint ?? `Set a valid value in ${credential.replace(/^the (token|key) in /, '')} and restart the server.`,
      );
    case 'rate_limited':
      return error.retryAfterSeconds === undefined
        ? withHint(`${service} rate limit reached${status}${said}`, hint ?? 'Wait a minute and retry.')
        : withHint(`${service} rate limit reached${status}${said}`, `Retry after ${error.retryAfterSeconds} s (at ${inSeconds(error.retryAfterSeconds)}).`);
    case 'forbidden':
      return withHint(
        `${answered}: not allowed${said}`,
        hint ?? `${capitalize(credential)} lacks the permission or scope this needs; grant it, or use a different account.`,
      );
    case 'not_found':
      return withHint(`${answered}: not found, or ${credential} cannot see it${said}`, hint ?? 'Check the names and numbers in the arguments.');
    case 'bad_input':
    case 'conflict':
      return withHint(`${service} rejected the request${status}${said}`, hint ?? 'Fix the arguments named in the message and call again.');
    case 'unavailable':
      return withHint(`${service} failed${status}${said}`, hint ?? 'This is on the upstream side; retry later.');
    case 'bad_answer':
      return withHint(
        `${service} sent an answer that is not what its API promises${status}${said}`,
        hint ?? 'This is on the upstream side (or a proxy in between); retry later.',
      );
    case 'failed':
      return withHint(`${service} returned an error${status}${said}`, hint);
  }
}

/** The ISO time N seconds from now; upstream waits are clamped, so this never overflows a Date. */
function inSeconds(seconds: number): string {
  return new Date(Date.now() + Math.min(seconds, 86_400) * 1000).toISOString();
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function withHint(message: string, hint: string | undefined): string {
  return hint ? `${message}. ${hint}` : message;
}

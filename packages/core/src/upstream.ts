/**
 * How a server reads its upstream's answers. Core knows HTTP (429 with Retry-After, 5xx, 401/403/404);
 * each server's adapter adds what is specific to its upstream: GitHub's 403 rate limits, Slack's
 * `ok: false` inside a 200, GraphQL `errors` inside a 200, Sentry's `detail` bodies, and the fix for each.
 */

/** What went wrong upstream, whatever the upstream's own words for it. */
export type FailureKind =
  | 'auth' // the credential is missing, invalid, expired or revoked
  | 'forbidden' // the credential lacks a permission or scope
  | 'not_found'
  | 'bad_input' // the upstream refused the arguments
  | 'conflict'
  | 'rate_limited'
  | 'unavailable' // the upstream failed; another attempt may work
  | 'bad_answer' // the answer is not what the API promises (truncated JSON, an HTML page, an empty body)
  | 'failed';

/** One HTTP answer, for an adapter to read. The body is read once; `json()` parses it on demand. */
export interface UpstreamAnswer {
  readonly method: string;
  readonly url: URL;
  readonly status: number;
  readonly headers: Headers;
  text(): string;
  /** The body as JSON, or undefined when it is not JSON. */
  json(): unknown;
}

/** What an answer means. */
export interface Classification {
  kind: 'ok' | FailureKind;
  /** rate_limited: how long the upstream asked to wait (ms), when it said. */
  waitMs?: number;
  /** The upstream's own words, e.g. Sentry's `detail` or Slack's error code. */
  message?: string;
  /** The upstream's error code, e.g. Slack's "not_in_channel" or Linear's "RATELIMITED". */
  code?: string;
  /** The fix for this very answer (e.g. the scope Slack says is missing). */
  hint?: string;
}

export interface UpstreamAdapter {
  /** e.g. "GitHub" */
  service: string;
  /** e.g. "the token in GITHUB_PERSONAL_ACCESS_TOKEN" */
  credential?: string;
  /** The fix for each kind of failure, when the upstream needs its own words (e.g. auth: "Set SENTRY_AUTH_TOKEN ..."). */
  hints?: Partial<Record<FailureKind, string>>;
  /**
   * Reads an answer before core decides to retry and before a client library sees it. Return undefined
   * to let core decide from the status alone (`classifyStatus`).
   */
  classify?(answer: UpstreamAnswer): Classification | undefined;
  /**
   * Turns an error thrown by the server's API client library (octokit's RequestError, Slack's platform
   * error) into one core can describe: an UpstreamError, or any ToolbridgeError. Undefined leaves it as is.
   */
  toError?(error: unknown): Error | undefined;
}

const MAX_WAIT_MS = 24 * 60 * 60 * 1000;

/** How long the upstream asked to wait, from Retry-After (seconds or a date), clamped to a day; undefined if it did not say. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (!Number.isNaN(seconds)) return clampWait(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : clampWait(date - now);
}

/** A wait in ms read from an upstream header, kept between 0 and a day whatever the upstream sent. */
export function clampWait(ms: number): number | undefined {
  if (!Number.isFinite(ms)) return ms > 0 ? MAX_WAIT_MS : undefined;
  return Math.min(MAX_WAIT_MS, Math.max(0, Math.ceil(ms)));
}

/** The kind of failure an HTTP status alone says. */
export function kindOfStatus(status: number): Classification['kind'] {
  if (status < 400) return 'ok';
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500 && status !== 501) return 'unavailable';
  if (status >= 400 && status < 500) return 'bad_input';
  return 'failed';
}

/** Core's reading of an answer when the adapter says nothing: the status, and Retry-After on a 429 or 503. */
export function classifyStatus(answer: Pick<UpstreamAnswer, 'status' | 'headers'>, now = Date.now()): Classification {
  const kind = kindOfStatus(answer.status);
  if (kind === 'rate_limited') {
    const waitMs = retryAfterMs(answer.headers, now);
    return waitMs === undefined ? { kind } : { kind, waitMs };
  }
  if (kind === 'unavailable' && answer.status === 503) {
    const waitMs = retryAfterMs(answer.headers, now);
    return waitMs === undefined ? { kind } : { kind, waitMs };
  }
  return { kind };
}

import { type Classification, RateLimitError, retryAfterMs, ToolbridgeError, type UpstreamAdapter, UpstreamError } from '@toolbridge/core';

/** GitHub's advice when a secondary limit names no wait: at least a minute. */
const SECONDARY_WAIT_SECONDS = 60;

interface RequestErrorLike {
  status: number;
  message: string;
  cause?: unknown;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

const isRequestError = (error: unknown): error is RequestErrorLike =>
  typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';

/** Seconds until x-ratelimit-reset (epoch seconds), when GitHub says the limit is spent. */
function resetWaitMs(headers: { get(name: string): string | null }, now = Date.now()): number | undefined {
  if (headers.get('x-ratelimit-remaining') !== '0') return undefined;
  const reset = Number(headers.get('x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? Math.min(86_400_000, Math.max(0, reset * 1000 - now)) : undefined;
}

/**
 * GitHub's conventions: a 403 is a rate limit when it carries Retry-After or an exhausted
 * x-ratelimit-remaining (primary and secondary limits); GraphQL reports RATE_LIMITED inside a 200;
 * error bodies are `{ message, errors: [...] }`.
 */
export const githubUpstream: UpstreamAdapter = {
  service: 'GitHub',
  credential: 'the token in GITHUB_PERSONAL_ACCESS_TOKEN (or GITHUB_TOKEN)',
  classify(answer): Classification | undefined {
    if (answer.status === 403 && (answer.headers.has('retry-after') || answer.headers.get('x-ratelimit-remaining') === '0')) {
      const waitMs = retryAfterMs(answer.headers) ?? resetWaitMs(answer.headers);
      return waitMs === undefined ? { kind: 'rate_limited' } : { kind: 'rate_limited', waitMs };
    }
    if (answer.status === 200 && answer.url.pathname.endsWith('/graphql')) {
      const body = answer.json() as { errors?: Array<{ type?: string; message?: string }> } | undefined;
      const limited = body?.errors?.find((error) => error.type === 'RATE_LIMITED');
      if (limited) {
        const waitMs = resetWaitMs(answer.headers) ?? SECONDARY_WAIT_SECONDS * 1000;
        return { kind: 'rate_limited', waitMs, message: limited.message ?? 'rate limited' };
      }
    }
    return undefined;
  },
  toError(error) {
    if (!isRequestError(error)) return undefined;
    // Octokit reports any failure of the fetch underneath as a status-500 RequestError; core's own errors
    // (rate limit exhausted, egress denied, deadline, a malformed answer) are the real story.
    if (error.cause instanceof ToolbridgeError) return error.cause;
    const data = error.response?.data;
    const message = messageOf(data) ?? error.message;
    if (error.status === 403 && /secondary rate limit/i.test(message)) {
      return new RateLimitError('GitHub secondary rate limit reached (GitHub gave no retry-after)', SECONDARY_WAIT_SECONDS, {
        hint: `Wait at least ${SECONDARY_WAIT_SECONDS} s, then retry; make fewer rapid or concurrent requests, especially writes.`,
      });
    }
    return new UpstreamError('GitHub', error.status, message);
  },
};

/** `message` with the `errors` details GitHub adds on a 422, e.g. "Validation Failed (Label does not exist)". */
function messageOf(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  const body = data as { message?: unknown; errors?: unknown } | undefined;
  if (!body || typeof body.message !== 'string') return undefined;
  const details = Array.isArray(body.errors)
    ? body.errors.map((item) => (typeof item === 'string' ? item : ((item as { message?: string }).message ?? JSON.stringify(item)))).join('; ')
    : '';
  return details ? `${body.message} (${details})` : body.message;
}

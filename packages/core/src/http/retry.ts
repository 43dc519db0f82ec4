const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
/** Failures that happen before a request can have reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

export const isIdempotent = (method: string): boolean => IDEMPOTENT_METHODS.has(method);

/** 429, or a 403 that carries rate-limit headers (GitHub's primary and secondary limits). */
export function isRateLimited(response: Response): boolean {
  if (response.status === 429) return true;
  return response.status === 403 && (response.headers.has('retry-after') || response.headers.get('x-ratelimit-remaining') === '0');
}

/** How long the upstream asked us to wait, from Retry-After or x-ratelimit-reset; undefined if it did not say. */
export function requestedWaitMs(response: Response, now = Date.now()): number | undefined {
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = response.headers.get('x-ratelimit-reset');
  if (reset && response.headers.get('x-ratelimit-remaining') === '0') {
    const epochSeconds = Number(reset);
    if (Number.isFinite(epochSeconds)) return Math.max(0, epochSeconds * 1000 - now);
  }
  return undefined;
}

/**
 * Whether a response is worth another attempt. A rate-limited answer means the upstream did not process
 * the request, so even a POST may be retried; a 5xx may follow partial processing, so only idempotent
 * methods are.
 */
export function shouldRetryResponse(method: string, response: Response): boolean {
  if (isRateLimited(response)) return true;
  return response.status >= 500 && response.status !== 501 && isIdempotent(method);
}

export function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function shouldRetryError(method: string, error: unknown): boolean {
  if (isIdempotent(method)) return true;
  const code = errorCode(error);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

/** Exponential backoff with full jitter. */
export function backoffMs(attempt: number, baseMs = 200, capMs = 5_000): number {
  return Math.floor(Math.random() * Math.min(capMs, baseMs * 2 ** attempt));
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
/** Failures that happen before a request can have reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

export const isIdempotent = (method: string): boolean => IDEMPOTENT_METHODS.has(method);

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

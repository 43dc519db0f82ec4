/**
 * Masks secrets in any text that leaves the process: logs, errors, tool results, audit lines.
 * Two layers: known token shapes, and the exact values of every secret the servers registered.
 */
const MASK = '[REDACTED]';

const TOKEN_SHAPES: ReadonlyArray<[RegExp, string]> = [
  [/\b(gh[pousr]_)[A-Za-z0-9]{16,}\b/g, `$1${MASK}`],
  [/\b(github_pat_)[A-Za-z0-9_]{20,}/g, `$1${MASK}`],
  [/\b(xox[abposre]-)[A-Za-z0-9-]{8,}/g, `$1${MASK}`],
  [/\b(xapp-)[A-Za-z0-9-]{8,}/g, `$1${MASK}`],
  [/\b(lin_(?:api|oauth)_)[A-Za-z0-9]{16,}/g, `$1${MASK}`],
  [/\b(sntry[su]_)[A-Za-z0-9+/=_-]{16,}/g, `$1${MASK}`],
  [/\b(Bearer|token|Basic)\s+(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${MASK}`],
  // user:password@host in URLs and DSNs
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s@/]+)@/gi, `$1:${MASK}@`],
  // password=... in DSN query strings and key=value connection strings
  [/\b(password|passwd|pwd|secret|api_key|apikey|access_token|auth_token|client_secret)=([^\s&;'"]+)/gi, `$1=${MASK}`],
];

/**
 * Matches wherever one of TOKEN_SHAPES can (a superset, case-insensitive): most text holds none of these
 * words, and one test of it is cheaper than every shape's replace.
 */
const MAYBE_TOKEN = /gh[pousr]_|github_pat_|xox[abposre]-|xapp-|lin_(?:api|oauth)_|sntry[su]_|bearer|token|basic|:\/\/|passw|pwd|secret|api_?key/i;

const registered = new Set<string>();
/** The registered secrets, longest first (so a secret that contains another is masked whole). */
let longestFirst: string[] = [];

/** Registers an exact secret value (a token, a password) so it is masked wherever it appears. */
export function registerSecret(value: string | undefined | null): void {
  if (!value) return;
  const trimmed = value.trim();
  // Very short values would mask innocent text everywhere; shapes cover the common tokens.
  if (trimmed.length >= 4) registered.add(trimmed);
  try {
    const decoded = decodeURIComponent(trimmed);
    if (decoded !== trimmed && decoded.length >= 4) registered.add(decoded);
    const encoded = encodeURIComponent(trimmed);
    if (encoded !== trimmed) registered.add(encoded);
  } catch {
    // not URI-encoded: nothing else to register
  }
  longestFirst = [...registered].sort((a, b) => b.length - a.length);
}

/** For tests: forget registered secrets. */
export function clearRegisteredSecrets(): void {
  registered.clear();
  longestFirst = [];
}

export function redact(text: string): string {
  let out = text;
  for (const secret of longestFirst) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  if (!MAYBE_TOKEN.test(out)) return out;
  for (const [pattern, replacement] of TOKEN_SHAPES) out = out.replace(pattern, replacement);
  return out;
}

/** Redacts every string inside a JSON-like value, returning a copy. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && typeof item === 'string' && item ? MASK : redactDeep(item);
    }
    return out as T;
  }
  return value;
}

const SECRET_KEY = /^(password|passwd|token|secret|api[_-]?key|authorization|access[_-]?token|client[_-]?secret)$/i;

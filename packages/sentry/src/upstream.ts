import { type Classification, clampWait, classifyStatus, retryAfterMs, type UpstreamAdapter, type UpstreamAnswer } from '@toolbridge/core';

/**
 * Sentry's words for a failure: `{"detail": "…"}`, `{"detail": {"message", "code"}}`, or field errors
 * `{"query": ["…"]}` on a 400.
 */
export function sentryMessage(body: unknown): { message?: string; code?: string } {
  const said = sentryWords(body);
  // Sentry ends its sentences with a period; core adds its own punctuation.
  return said.message ? { ...said, message: said.message.replace(/\.\s*$/, '') } : said;
}

function sentryWords(body: unknown): { message?: string; code?: string } {
  if (typeof body === 'string') return body.trim() ? { message: body.trim().slice(0, 500) } : {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const { detail } = body as { detail?: unknown };
  if (typeof detail === 'string') return { message: detail };
  if (detail && typeof detail === 'object') {
    const { message, code } = detail as { message?: unknown; code?: unknown };
    return { ...(typeof message === 'string' ? { message } : {}), ...(typeof code === 'string' ? { code } : {}) };
  }
  const fields = Object.entries(body as Record<string, unknown>)
    .map(([field, problems]) => `${field}: ${Array.isArray(problems) ? problems.join(' ') : String(problems)}`)
    .slice(0, 3);
  return fields.length ? { message: fields.join('; ') } : {};
}

/** Sentry's API limits say when the window resets (epoch seconds) rather than Retry-After. */
function rateLimitWaitMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = retryAfterMs(headers, now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = Number(headers.get('x-sentry-rate-limit-reset'));
  return Number.isFinite(reset) && reset > 0 ? clampWait(reset * 1000 - now) : undefined;
}

/** The organization (and project) an API path names, for a 404's hint. */
function scopeOf(url: URL): string {
  const [, , , kind, organization, project] = url.pathname.split('/').map(decodeURIComponent);
  if (kind === 'projects' && organization && project) return `the organization slug "${organization}" and project slug "${project}"`;
  if (kind === 'organizations' && organization) return `the organization slug "${organization}" (SENTRY_ORG: the slug in your Sentry URLs)`;
  return 'the organization slug (SENTRY_ORG)';
}

function hintFor(kind: Classification['kind'], answer: UpstreamAnswer): string | undefined {
  const origin = answer.url.origin;
  if (kind === 'not_found') {
    return `Check ${scopeOf(answer.url)} and the ids in the arguments; a self-hosted or regional Sentry needs SENTRY_URL (requests now go to ${origin}).`;
  }
  if (kind === 'auth') {
    return `Create a token in Sentry (User Settings → Personal Tokens, or an internal integration) and set SENTRY_AUTH_TOKEN; a token from another Sentry needs SENTRY_URL (requests now go to ${origin}).`;
  }
  return undefined;
}

export const sentryUpstream: UpstreamAdapter = {
  service: 'Sentry',
  credential: 'the token in SENTRY_AUTH_TOKEN (or SENTRY_ACCESS_TOKEN)',
  hints: {
    forbidden:
      'The token lacks a scope: reading needs org:read, project:read and event:read, sentry_update_issue needs event:write (organization tokens cannot read issues: use a personal token).',
    bad_answer:
      "SENTRY_URL may point at a web page rather than Sentry's API: set it to Sentry's base address, e.g. https://sentry.example.com (without /api/0).",
  },
  classify(answer): Classification | undefined {
    if (answer.status < 400) return undefined;
    const verdict = classifyStatus(answer);
    const said = sentryMessage(answer.json() ?? answer.text());
    const hint = hintFor(verdict.kind, answer);
    const waitMs = verdict.kind === 'rate_limited' ? rateLimitWaitMs(answer.headers) : verdict.waitMs;
    return {
      ...verdict,
      ...(waitMs === undefined ? {} : { waitMs }),
      ...said,
      ...(hint ? { hint } : {}),
    };
  },
};

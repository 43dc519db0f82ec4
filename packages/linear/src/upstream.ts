import { type Classification, clampWait, classifyStatus, type FailureKind, retryAfterMs, type UpstreamAdapter } from '@toolbridge/core';

/** One entry of Linear's `errors`: the message, and extensions with a type, a code and words meant for people. */
export interface LinearGraphqlError {
  message?: string;
  path?: Array<string | number>;
  extensions?: { type?: string; code?: string; userPresentableMessage?: string; statusCode?: number };
}

const RATE_LIMIT_BUDGETS = ['requests', 'complexity', 'endpoint-requests'];

/**
 * How long Linear asked to wait: Retry-After when sent, else the reset (epoch ms) of the budget that ran
 * out (x-ratelimit-requests-reset, -complexity-reset, -endpoint-requests-reset), else the latest reset.
 */
export function rateLimitWaitMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = retryAfterMs(headers, now);
  if (retryAfter !== undefined) return retryAfter;
  const budgets = RATE_LIMIT_BUDGETS.map((budget) => ({
    remaining: Number(headers.get(`x-ratelimit-${budget}-remaining`) ?? Number.NaN),
    reset: Number(headers.get(`x-ratelimit-${budget}-reset`) ?? Number.NaN),
  })).filter((budget) => Number.isFinite(budget.reset) && budget.reset > 0);
  const spent = budgets.filter((budget) => budget.remaining <= 0);
  const resets = (spent.length ? spent : budgets).map((budget) => budget.reset);
  return resets.length ? clampWait(Math.max(...resets) - now) : undefined;
}

const KIND_BY_CODE: Record<string, FailureKind> = {
  RATELIMITED: 'rate_limited',
  AUTHENTICATION_ERROR: 'auth',
  FORBIDDEN: 'forbidden',
  INPUT_ERROR: 'bad_input',
  INVALID_INPUT: 'bad_input',
  GRAPHQL_VALIDATION_FAILED: 'bad_input',
  GRAPHQL_PARSE_FAILED: 'bad_input',
  ENTITY_NOT_FOUND: 'not_found',
  INTERNAL_SERVER_ERROR: 'unavailable',
};

const KIND_BY_TYPE: Record<string, FailureKind> = {
  ratelimited: 'rate_limited',
  'authentication error': 'auth',
  forbidden: 'forbidden',
  'feature not accessible': 'forbidden',
  'invalid input': 'bad_input',
  'graphql error': 'bad_input',
  'user error': 'bad_input',
  'internal error': 'unavailable',
  'lock timeout': 'unavailable',
};

/** The kind of failure a Linear GraphQL error stands for. */
export function kindOfError(error: LinearGraphqlError, status: number): FailureKind {
  const { code, type } = error.extensions ?? {};
  if (/^entity not found/i.test(error.message ?? '')) return 'not_found';
  // Linear writes types with spaces ("authentication error"); some of its clients show them with underscores.
  const known = (code && KIND_BY_CODE[code.toUpperCase()]) || (type && KIND_BY_TYPE[type.toLowerCase().replace(/_/g, ' ')]);
  if (known) return known;
  const byStatus = classifyStatus({ status, headers: new Headers() }).kind;
  return byStatus === 'ok' ? 'failed' : byStatus;
}

function errorsOf(body: unknown): LinearGraphqlError[] {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors.filter((error) => error && typeof error === 'object') as LinearGraphqlError[]) : [];
}

const HINTS: Partial<Record<FailureKind, string>> = {
  auth: 'Set LINEAR_API_KEY to a personal API key (Linear: Settings → Account → Security & access) or an OAuth access token, and restart the server.',
  forbidden: "The key's user cannot see or change this: check the team's membership, or use a key with write access.",
  not_found: 'Check the identifier (ENG-123 or the issue URL); linear_search_issues finds issues by text.',
};

export const linearUpstream: UpstreamAdapter = {
  service: 'Linear',
  credential: 'the key in LINEAR_API_KEY',
  hints: HINTS,
  // Linear reports most failures as GraphQL errors, inside a 200 or a 400: the extensions say what they are.
  classify(answer): Classification | undefined {
    const errors = errorsOf(answer.json());
    if (!errors.length) {
      if (answer.status < 400) return undefined;
      const verdict = classifyStatus(answer);
      return verdict.kind === 'rate_limited' ? { ...verdict, ...waitOf(answer.headers) } : verdict;
    }
    const [first] = errors as [LinearGraphqlError];
    const kind = kindOfError(first, answer.status);
    const said = first.extensions?.userPresentableMessage ?? first.message;
    const message = [said, ...errors.slice(1, 3).map((error) => error.message)].filter(Boolean).join('; ');
    return {
      kind,
      ...(message ? { message: message.replace(/\.\s*$/, '') } : {}),
      ...(first.extensions?.code ? { code: first.extensions.code } : {}),
      ...(kind === 'rate_limited' ? waitOf(answer.headers) : {}),
    };
  },
};

function waitOf(headers: Headers): { waitMs?: number } {
  const waitMs = rateLimitWaitMs(headers);
  return waitMs === undefined ? {} : { waitMs };
}

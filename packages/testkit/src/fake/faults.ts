import { STATUS_CODES } from 'node:http';
import type { FakeResponse } from './request.js';

/** Which requests a fault or a rate limit applies to; absent fields match anything. */
export interface RequestMatch {
  method?: string;
  /** The path without the fake's base path (the full path matches too), or a pattern. */
  path?: string | RegExp;
}

/** How an answer travels: late, in slow pieces, or cut short. */
export interface Delivery {
  /** Wait this long before answering. */
  delayMs?: number;
  /** Send the body `bytes` at a time, `intervalMs` apart. */
  drip?: { bytes: number; intervalMs: number };
  /**
   * Send only the first `bytes` of the body (default: half). Without hangUp the answer is complete but
   * short (truncated JSON); with it the connection drops after them, mid-answer.
   */
  truncate?: { bytes?: number; hangUp?: boolean };
}

/**
 * A one-shot misbehaviour for the next matching request(s). With a status (or a body) it replaces the
 * route's answer; without, the route answers, with the fault's headers added and delivered as the
 * Delivery fields say.
 */
export interface Fault extends RequestMatch, Delivery {
  /** How many matching requests it applies to (default 1). */
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export function matches(match: RequestMatch, method: string, paths: string[]): boolean {
  if (match.method && match.method.toUpperCase() !== method) return false;
  const { path } = match;
  if (!path) return true;
  return paths.some((candidate) => (typeof path === 'string' ? path === candidate : path.test(candidate)));
}

/** Faults waiting for their requests, taken in the order they were queued. */
export class FaultQueue {
  private readonly waiting: Array<{ fault: Fault; left: number }> = [];

  add(fault: Fault): void {
    this.waiting.push({ fault, left: fault.times ?? 1 });
  }

  take(method: string, paths: string[]): Fault | undefined {
    const index = this.waiting.findIndex(({ fault }) => matches(fault, method, paths));
    if (index < 0) return undefined;
    const entry = this.waiting[index]!;
    entry.left -= 1;
    if (entry.left <= 0) this.waiting.splice(index, 1);
    return entry.fault;
  }
}

export const replacesAnswer = (fault: Fault): boolean => fault.status !== undefined || fault.body !== undefined;

export interface RateLimit extends RequestMatch {
  /** Requests answered per window; the rest are refused until the window ends. */
  limit: number;
  windowMs: number;
  /** The refusal (default: 429 with Retry-After). */
  answer?: (retryAfterSeconds: number) => FakeResponse;
}

/** A fixed window counter: `limit` matching requests per `windowMs`, counted from the first one. */
export class RateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(private readonly rule: RateLimit) {}

  /** The refusal when the request is over the limit; otherwise counts it. */
  refuse(method: string, paths: string[], now = Date.now()): FakeResponse | undefined {
    if (!matches(this.rule, method, paths)) return undefined;
    if (now - this.windowStart >= this.rule.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used < this.rule.limit) {
      this.used += 1;
      return undefined;
    }
    const retryAfter = Math.max(1, Math.ceil((this.windowStart + this.rule.windowMs - now) / 1000));
    return (this.rule.answer ?? tooManyRequests)(retryAfter);
  }
}

// Ready-made faults. Spread one to aim it: fake.queue({ ...htmlPage(), path: '/api/chat.postMessage' }).

/** 429 Too Many Requests with Retry-After. */
export function tooManyRequests(retryAfterSeconds = 1): Fault {
  return { status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body: { message: STATUS_CODES[429] } };
}

/** A 5xx (default 503) with a JSON message. */
export const serverError = (status = 503): Fault => ({ status, body: { message: STATUS_CODES[status] ?? 'Server Error' } });

/** The route's answer, `delayMs` late. */
export const slowAnswer = (delayMs: number): Fault => ({ delayMs });

/** The route's answer fed `bytes` at a time, `intervalMs` apart. */
export const dripFed = (intervalMs = 100, bytes = 16): Fault => ({ drip: { bytes, intervalMs } });

/** An HTML page with 200 where JSON was expected (a captive portal, a proxy's login page, a maintenance page). */
export const htmlPage = (status = 200): Fault => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><h1>Please sign in to continue</h1></body></html>\n',
});

/** The route's answer cut in half (or after `bytes`), complete as far as HTTP goes: the JSON does not parse. */
export const truncatedJson = (bytes?: number): Fault => ({ truncate: bytes === undefined ? {} : { bytes } });

/** The connection drops halfway through the route's answer. */
export const droppedConnection = (): Fault => ({ truncate: { hangUp: true } });

/** A JSON content type and no body at all. */
export const emptyAnswer = (status = 200): Fault => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '' });

/** A redirect elsewhere (default 302). */
export const redirectTo = (location: string, status = 302): Fault => ({ status, headers: { location }, body: '' });

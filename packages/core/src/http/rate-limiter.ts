import { RateLimitError } from '../errors.js';
import { sleep } from './sleep.js';

/**
 * A token bucket: `capacity` requests per `windowMs`, refilled continuously. `take()` waits while the
 * bucket refills, up to `maxWaitMs`; longer than that it fails and says when to retry.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly refillPerMs: number;

  constructor(
    private readonly capacity: number,
    windowMs: number,
    private readonly maxWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
    this.refillPerMs = capacity / windowMs;
  }

  async take(label: string, signal?: AbortSignal): Promise<void> {
    this.refill();
    // Reserve the token now (tokens may go negative) so concurrent callers queue in order.
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = Math.ceil(-this.tokens / this.refillPerMs);
    if (waitMs > this.maxWaitMs) {
      this.tokens += 1;
      const seconds = Math.ceil(waitMs / 1000);
      throw new RateLimitError(`local rate limit for ${label} reached (security.rateLimit)`, seconds, {
        hint: `Retry in about ${seconds} s, or raise security.rateLimit.requests.`,
      });
    }
    await sleep(waitMs, signal);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.refillPerMs);
    this.updatedAt = now;
  }
}

import { CircuitOpenError } from '../errors.js';

type State = 'closed' | 'open' | 'half-open';

/**
 * Per-host circuit breaker: opens after `threshold` consecutive failures and fails fast for `cooldownMs`;
 * then lets one probe through (half-open). A success closes it, a failure opens it again.
 */
export class CircuitBreaker {
  private state: State = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;

  constructor(
    private readonly host: string,
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws CircuitOpenError when the request must not be sent. */
  admit(): void {
    if (this.state === 'closed') return;
    const elapsed = this.now() - this.openedAt;
    if (this.state === 'open' && elapsed >= this.cooldownMs) this.state = 'half-open';
    if (this.state === 'half-open' && !this.probing) {
      this.probing = true;
      return;
    }
    throw new CircuitOpenError(this.host, Math.max(1, Math.ceil((this.cooldownMs - elapsed) / 1000)));
  }

  succeeded(): void {
    this.state = 'closed';
    this.failures = 0;
    this.probing = false;
  }

  failed(): void {
    this.probing = false;
    this.failures += 1;
    if (this.state === 'half-open' || this.failures >= this.threshold) {
      this.state = 'open';
      this.openedAt = this.now();
    }
  }
}

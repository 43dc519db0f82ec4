import { AsyncLocalStorage } from 'node:async_hooks';

export interface UpstreamCall {
  method: string;
  /** Origin and path, without the query string (it may carry secrets). */
  url: string;
  status: number | null;
  ms: number;
  cache?: 'hit' | 'revalidated' | 'stale';
  attempts: number;
}

/**
 * What one tool call does upstream. Core runs every handler inside a scope, so the sandboxed fetch
 * (injected once into octokit and friends) still knows which call it serves: its cancellation signal,
 * and where to record upstream requests for the audit log and stale-cache notes.
 */
export interface CallScope {
  signal: AbortSignal | undefined;
  calls: UpstreamCall[];
  staleSources: string[];
  /** When the whole call must be over (epoch ms): retries and waits never run past it. */
  deadline?: number;
  /** Tells the client what the call is waiting on (a retry, a rate limit). */
  progress?: (message: string) => void;
  /** Background work (start()'s idle probes): its failures do not count against the circuit breaker of real calls. */
  background?: boolean;
}

const storage = new AsyncLocalStorage<CallScope>();

export const runInCallScope = <T>(scope: CallScope, fn: () => T): T => storage.run(scope, fn);

export const currentCallScope = (): CallScope | undefined => storage.getStore();

import { type FailureKind, kindOfStatus } from './upstream.js';

/**
 * Errors that core knows how to turn into an actionable tool result: what failed, why, and what to do.
 * Tools throw these (or let upstream errors through); they never catch errors themselves.
 */
export interface ErrorDetails {
  /** What the caller can do about it, shown after the message. */
  hint?: string;
  cause?: unknown;
}

export class ToolbridgeError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.hint = details.hint;
  }
}

/** The arguments of a call are wrong in a way the schema cannot express. */
export class InvalidInputError extends ToolbridgeError {}

/** A safety rule refused the operation. `rule` names the rule so the refusal can be understood. */
export class PolicyError extends ToolbridgeError {
  constructor(
    readonly rule: string,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(`${message} (refused by ${rule})`, details);
  }
}

/** A request was refused by the egress sandbox before it left the process. */
export class EgressDeniedError extends PolicyError {}

/** The configuration is invalid; `path` is the key path of the offending value. */
export class ConfigError extends ToolbridgeError {
  constructor(
    readonly path: string,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(path ? `${path}: ${message}` : message, details);
  }
}

export class NotFoundError extends ToolbridgeError {}

/** An upstream refused or failed a request; `kind` says what went wrong whatever the upstream's words. */
export class UpstreamError extends ToolbridgeError {
  readonly kind: FailureKind;
  readonly retryAfterSeconds: number | undefined;
  /** The upstream's error code, e.g. Slack's "not_in_channel". */
  readonly code: string | undefined;
  constructor(
    readonly service: string,
    /** The HTTP status, when there was one (Slack and GraphQL report errors inside a 200). */
    readonly status: number | undefined,
    message: string,
    details: ErrorDetails & { kind?: FailureKind; code?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message, details);
    this.kind = details.kind ?? (status === undefined ? 'failed' : (kindOfFailure(status) ?? 'failed'));
    this.code = details.code;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

const kindOfFailure = (status: number): FailureKind | undefined => {
  const kind = kindOfStatus(status);
  return kind === 'ok' ? undefined : kind;
};

/** Waiting for the upstream would take longer than allowed (local bucket or upstream limit). */
export class RateLimitError extends ToolbridgeError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    details: ErrorDetails = {},
  ) {
    super(message, details);
  }
}

/** The circuit breaker for a host is open. */
export class CircuitOpenError extends ToolbridgeError {
  constructor(
    readonly host: string,
    readonly retryInSeconds: number,
  ) {
    super(`${host} is unavailable (it failed repeatedly), retry in ${retryInSeconds} s`, {
      hint: 'The upstream looks down; wait and try again, or check its status page.',
    });
  }
}

/** An operation exceeded its time limit. */
export class TimeoutError extends ToolbridgeError {}

/** The user declined a confirmation, or none could be asked. */
export class ConfirmationRequiredError extends PolicyError {}

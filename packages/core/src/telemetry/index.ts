import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { registerSecret } from '../redact.js';

/**
 * Opt-in telemetry: with TOOLBRIDGE_TELEMETRY_DSN set, a server reports its own crashes and failed tool
 * calls to that Sentry DSN, scrubbed of secrets and argument values. Without it nothing is loaded and
 * nothing is sent. Even with it, @sentry/node loads only at the first thing to report, so start-up and
 * memory stay as they are until something fails.
 */
export interface Telemetry {
  /** A tool call failed: reported in the background, never delaying the answer. */
  toolFailed(failure: ToolFailure): void;
  /** The process is about to die of `error`: reports it and waits until sent (bounded). */
  crashed(error: unknown): Promise<void>;
  /** Waits (bounded) for what is being reported. */
  close(): Promise<void>;
}

export interface ToolFailure {
  tool: string;
  error: unknown;
  args: unknown;
  /** What the caller was told (already redacted). */
  description: string;
}

export interface ReporterOptions {
  dsn: string;
  server: string;
  version: string;
  flushMs: number;
}

/** What sentry-reporter.ts makes once @sentry/node is loaded. */
export interface Reporter {
  toolFailed(failure: ToolFailure): void;
  crashed(error: unknown): Promise<void>;
  flush(ms: number): Promise<void>;
}

const FLUSH_MS = 2_000;

/** A DSN as Sentry issues them: scheme://public_key@host[:port]/[path/]project_id. */
function checkDsn(dsn: string): void {
  let url: URL | undefined;
  try {
    url = new URL(dsn);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !url.username || !/\/\d+$/.test(url.pathname)) {
    throw new ConfigError('TOOLBRIDGE_TELEMETRY_DSN', 'is not a Sentry DSN', {
      hint: "Set it to the DSN of a Sentry project (https://<public key>@<host>/<project id>, from the project's Client Keys), or unset it.",
    });
  }
}

export function createTelemetry(options: { dsn: string | undefined; server: string; version: string; logger: Logger }): Telemetry | undefined {
  const dsn = options.dsn?.trim();
  if (!dsn) return undefined;
  checkDsn(dsn);
  registerSecret(dsn);
  let reporter: Promise<Reporter | undefined> | undefined;
  const pending = new Set<Promise<unknown>>();
  const load = () => {
    reporter ??= import('./sentry-reporter.js')
      .then((module) => module.createReporter({ dsn, server: options.server, version: options.version, flushMs: FLUSH_MS }))
      .catch((error: unknown) => {
        options.logger.warning(
          `telemetry is off: @sentry/node could not be loaded (${(error as Error).message}); install it to report to TOOLBRIDGE_TELEMETRY_DSN`,
        );
        return undefined;
      });
    return reporter;
  };
  const track = (work: Promise<unknown>) => {
    const settled = work.catch((error: unknown) => options.logger.debug(`telemetry: ${String(error)}`)).finally(() => pending.delete(settled));
    pending.add(settled);
  };
  return {
    toolFailed: (failure) => track(load().then((loaded) => loaded?.toolFailed(failure))),
    crashed: async (error) => (await load())?.crashed(error),
    close: async () => {
      await Promise.all(pending);
      await (await reporter)?.flush(FLUSH_MS);
    },
  };
}

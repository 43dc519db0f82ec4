import { defaultStackParser, type ErrorEvent, type EventHint, makeNodeTransport, NodeClient, Scope } from '@sentry/node';
import { ToolbridgeError, UpstreamError } from '../errors.js';
import type { Reporter, ReporterOptions, ToolFailure } from './index.js';
import { argumentNames, argumentValues, scrubEvent } from './scrub.js';

/**
 * The @sentry/node side of telemetry, loaded (with the SDK, in its own chunk) only when a DSN is set and
 * something is to be reported. A client of its own, no integrations (no breadcrumbs of console or HTTP,
 * no global handlers: core installs its own), and every event scrubbed in beforeSend.
 */
export function createReporter(options: ReporterOptions): Reporter {
  // The argument values of each reported failure, for beforeSend to mask (keyed by the error object).
  const callValues = new WeakMap<object, string[]>();
  const client = new NodeClient({
    dsn: options.dsn,
    release: `${options.server}@${options.version}`,
    integrations: [],
    // No code-injection loader (it would start a loader thread: about 50 MB), no host name, no periodic client reports.
    enableRuntimeChannelInjection: false,
    includeServerName: false,
    sendClientReports: false,
    transport: makeNodeTransport,
    stackParser: defaultStackParser,
    beforeBreadcrumb: () => null,
    beforeSend: (event: ErrorEvent, hint: EventHint) => {
      const original = hint.originalException;
      const values = original && typeof original === 'object' ? callValues.get(original) : undefined;
      return scrubEvent(event, values ?? []);
    },
  });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  scope.setTag('server', options.server);

  return {
    toolFailed({ tool, error, args, description }: ToolFailure) {
      const exception = error instanceof Error ? error : new Error(String(error));
      callValues.set(exception, argumentValues(args));
      const expected = error instanceof ToolbridgeError;
      const kind = error instanceof UpstreamError ? error.kind : exception.name;
      const call = scope.clone();
      call.setTags({ tool, failure: kind });
      call.setLevel(expected ? 'warning' : 'error');
      call.setContext('tool_call', { tool, argument_names: argumentNames(args), outcome: description });
      // Expected failures (upstream refusals, bad input) group by tool and kind, not by their words.
      if (expected) call.setFingerprint([options.server, tool, kind]);
      call.captureException(exception, { mechanism: { type: 'toolbridge.tool', handled: true } });
    },
    async crashed(error: unknown) {
      const crash = scope.clone();
      crash.setLevel('fatal');
      crash.captureException(error, { mechanism: { type: 'onuncaughtexception', handled: false } });
      await client.flush(options.flushMs);
    },
    flush: async (ms: number) => {
      await client.flush(ms);
    },
  };
}

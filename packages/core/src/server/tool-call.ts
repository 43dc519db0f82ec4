import type * as z from 'zod';
import { describeCuts, fitToBudget } from '../budget.js';
import type { ServerContext, ToolContext, ToolDefinition } from '../define.js';
import { describeError } from '../describe-error.js';
import { ConfirmationRequiredError, InvalidInputError, TimeoutError, ToolbridgeError } from '../errors.js';
import type { CallScope } from '../http/call-scope.js';
import { maskPii, maskPiiDeep } from '../pii.js';
import { redact, redactDeep } from '../redact.js';
import type { Runtime } from './runtime.js';
import { describeShape, schemaOf } from './schema-json.js';

export interface ToolResult {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export type CallExtras = Pick<ToolContext, 'signal' | 'progress' | 'confirm'>;

/**
 * Runs one tool call: validates input, runs the handler inside a call scope, validates and budgets the
 * output, renders compact text, redacts everything and writes the audit line. Every error becomes an
 * actionable `isError` result; nothing escapes to the transport.
 */
export async function executeTool(runtime: Runtime, tool: ToolDefinition, args: unknown, extras: CallExtras): Promise<ToolResult> {
  const started = performance.now();
  const { callTimeout } = runtime.context.config.globalSettings;
  const limit = callLimit(extras.signal, callTimeout);
  let progressStep = 0;
  const scope: CallScope = {
    signal: limit.signal,
    calls: [],
    staleSources: [],
    deadline: Date.now() + callTimeout,
    progress: (message) => void extras.progress(++progressStep, undefined, message).catch(() => undefined),
  };
  let result: ToolResult;
  let failure: string | undefined;
  try {
    const input = parseInput(tool, args);
    const context = toolContext(runtime.context, limit.signal, extras);
    const output = await runtime.inScope(scope, () => tool.handler(input as never, context));
    result = renderOutput(runtime, tool, output, scope);
  } catch (caught) {
    const error = limit.timedOut() && !extras.signal.aborted ? overDeadline(callTimeout, caught) : caught;
    failure = describeError(error, runtime.context.credentials.describeWith(runtime.spec.upstream));
    runtime.context.logger.info(`${tool.name} failed: ${failure}`);
    runtime.telemetry?.toolFailed({ tool: tool.name, error, args, description: failure });
    if (!(error instanceof ToolbridgeError)) runtime.context.logger.debug(`${tool.name} stack`, { stack: String((error as Error)?.stack ?? error) });
    result = { isError: true, content: [{ type: 'text', text: `${tool.name} failed: ${failure}` }] };
  } finally {
    limit.release();
  }
  if (runtime.context.config.security.maskPii) result = maskResult(result);
  const duration = Math.round(performance.now() - started);
  runtime.context.logger.debug(`${tool.name} ${failure ? 'failed' : 'ok'} in ${duration} ms, ${scope.calls.length} upstream call(s)`);
  await runtime.audit?.write({
    time: new Date().toISOString(),
    server: runtime.spec.name,
    tool: tool.name,
    arguments: args ?? {},
    duration_ms: duration,
    outcome: failure ? 'error' : 'ok',
    ...(failure ? { error: failure } : {}),
    upstream_calls: scope.calls,
  });
  return result;
}

/**
 * The call's signal: the client's cancellation or the call's deadline, whichever comes first. One
 * controller and one timer, released when the call ends (AbortSignal.timeout with AbortSignal.any cost
 * several times more, on every call).
 */
function callLimit(clientSignal: AbortSignal, ms: number): { signal: AbortSignal; timedOut(): boolean; release(): void } {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`the call did not finish within ${ms} ms`, 'TimeoutError'));
  }, ms);
  const cancel = () => controller.abort(clientSignal.reason);
  if (clientSignal.aborted) cancel();
  else clientSignal.addEventListener('abort', cancel);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release: () => {
      clearTimeout(timer);
      clientSignal.removeEventListener('abort', cancel);
    },
  };
}

/** security.maskPii: personal data masked in the text and the structured content alike. */
function maskResult(result: ToolResult): ToolResult {
  return {
    ...result,
    content: result.content.map((item) => ({ ...item, text: maskPii(item.text) })),
    ...(result.structuredContent ? { structuredContent: maskPiiDeep(result.structuredContent) } : {}),
  };
}

/** The call's own deadline ended it: say so, keeping what it was doing when a core error says more. */
function overDeadline(callTimeout: number, error: unknown): unknown {
  if (error instanceof ToolbridgeError && !(error instanceof TimeoutError)) return error;
  return new TimeoutError(`the call did not finish within ${Math.round(callTimeout / 1000)} s and was stopped`, {
    hint: 'Retry, narrow the request, or raise globalSettings.callTimeout.',
  });
}

const INVOKE_TIMEOUT_MS = 30_000;

/** A tool's handler run for a resource or prompt: input parsed as a call's, output checked, no MCP framing. */
export async function invokeTool(context: ServerContext, tool: ToolDefinition, args: unknown): Promise<Record<string, unknown>> {
  const input = parseInput(tool, args);
  const output = await tool.handler(
    input as never,
    toolContext(context, AbortSignal.timeout(INVOKE_TIMEOUT_MS), {
      progress: async () => undefined,
      confirm: async () => {
        throw new ConfirmationRequiredError('confirmation', 'a resource read or prompt cannot ask the user to confirm');
      },
    }),
  );
  return tool.output.parse(output) as Record<string, unknown>;
}

/**
 * A call's context, written out field by field: on Node 20, `{ ...context, ...extras }` (or any property
 * added after a spread) builds a fresh hidden class on every call, several microseconds each time.
 */
function toolContext(context: ServerContext, signal: AbortSignal, extras: Omit<CallExtras, 'signal'>): ToolContext {
  return {
    serverName: context.serverName,
    config: context.config,
    settings: context.settings,
    services: context.services,
    flags: context.flags,
    logger: context.logger,
    http: context.http,
    env: context.env,
    credentials: context.credentials,
    invoke: context.invoke,
    signal,
    progress: extras.progress,
    confirm: extras.confirm,
  };
}

function parseInput(tool: ToolDefinition, args: unknown): unknown {
  const parsed = tool.input.safeParse(args ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join('.') || '(arguments)';
    return `${path}: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  throw new InvalidInputError(`invalid arguments: ${problems.join('; ')}`, {
    hint: `Expected ${describeShape(schemaOf(tool, 'input'))}; fix the arguments and call again`,
  });
}

function renderOutput(runtime: Runtime, tool: ToolDefinition, output: unknown, scope: CallScope): ToolResult {
  const checked = tool.output.safeParse(output);
  if (!checked.success) throw checked.error;
  const budget = runtime.context.config.globalSettings.maxOutputChars;
  const { value, cuts, json } = fitToBudget(redactDeep(checked.data as Record<string, unknown>), budget);
  let text = redact(tool.render ? tool.render(value as z.output<typeof tool.output>) : json);
  if (text.length > budget) text = `${text.slice(0, budget)}\n…[cut: ${text.length - budget} characters not shown]`;
  const notes: string[] = [];
  if (cuts.length) notes.push(describeCuts(cuts));
  if (scope.staleSources.length) {
    notes.push(`[stale: the upstream failed, so cached data was served for ${[...new Set(scope.staleSources)].join(', ')}; it may be out of date]`);
  }
  return {
    content: [{ type: 'text', text: notes.length ? `${text}\n${notes.join('\n')}` : text }],
    structuredContent: value,
    ...(notes.length ? { _meta: { 'toolbridge/notes': notes } } : {}),
  };
}

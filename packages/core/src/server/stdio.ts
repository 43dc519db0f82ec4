import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { z } from 'zod';
import { describeError } from '../describe-error.js';
import type { CallScope } from '../http/call-scope.js';
import { startupFinished } from '../prelude.js';
import { redact } from '../redact.js';
import type { Telemetry } from '../telemetry/index.js';
import { formatHelp, parseFlags } from './flags.js';
import { connectChecked, createMcpServer } from './mcp.js';
import { allFlags, createRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
import type { AnyServerSpec, ServerSpec } from './spec.js';
import { StdioLineTransport } from './stdio-transport.js';

/** Builds the runtime and MCP server without connecting it (for in-process use and tests). */
export async function createServer<S extends z.ZodType, V>(typedSpec: ServerSpec<S, V>, options: RuntimeOptions) {
  const spec = typedSpec as unknown as AnyServerSpec;
  const runtime = createRuntime(spec, options);
  const started = (await spec.start?.(runtime.context)) ?? {};
  hideTools(runtime, started.hideTools);
  const instructions = buildInstructions(spec, runtime, started.notes ?? []);
  let idle = started.idle;
  let server: Server | undefined;
  /** Start-up is over; start()'s idle work, once, as background work: its failures never count against real calls. */
  const runIdle = async () => {
    startupFinished();
    const work = idle;
    idle = undefined;
    if (!work) return;
    const scope: CallScope = { signal: undefined, calls: [], staleSources: [], background: true };
    try {
      const outcome = await runtime.inScope(scope, work);
      if (outcome?.hideTools?.length && hideTools(runtime, outcome.hideTools)) {
        await server?.sendToolListChanged().catch(() => undefined);
      }
    } catch (error) {
      runtime.context.logger.warning(`background start-up work failed: ${describeError(error, spec.upstream)}`);
    }
  };
  server = createMcpServer(runtime, instructions, () => void runIdle());
  const close = async () => {
    await server?.close();
    await started.close?.();
    await runtime.closeServices();
    await runtime.telemetry?.close();
  };
  return { server, runtime, instructions, close, runIdle };
}

/** Takes tools out of the offer; true when any was offered. */
function hideTools(runtime: Runtime, names: readonly string[] | undefined): boolean {
  if (!names?.length) return false;
  const hidden = new Set(names);
  const kept = runtime.tools.filter((tool) => !hidden.has(tool.name));
  if (kept.length === runtime.tools.length) return false;
  runtime.tools = kept;
  runtime.toolsets = [...new Set(kept.map((tool) => tool.toolset))];
  return true;
}

/** When a client never lists tools, start()'s idle work runs this long after connecting. */
const IDLE_FALLBACK_MS = 1_000;

function buildInstructions(spec: AnyServerSpec, runtime: Runtime, notes: string[]): string {
  const offered = new Set(runtime.tools.map((tool) => tool.name));
  const base =
    typeof spec.instructions === 'string'
      ? spec.instructions
      : spec.instructions({ context: runtime.context, tools: runtime.tools, toolsets: runtime.toolsets, offers: (name) => offered.has(name) });
  const selection = runtime.context.config.selection;
  const lines = [base.trim()];
  if (selection.readOnly) lines.push('This server runs read-only: no tool can change anything.');
  return [...lines, ...notes].join('\n');
}

/**
 * The whole life of a server bin: flags, config, start, stdio. Stdout carries JSON-RPC only, so stray
 * console output from dependencies is sent to stderr. Bad configuration exits with code 2 and a message
 * naming the key and the expected form.
 */
export async function runStdio<S extends z.ZodType, V>(typedSpec: ServerSpec<S, V>, argv = process.argv.slice(2), env = process.env): Promise<void> {
  const spec = typedSpec as unknown as AnyServerSpec;
  guardStdout();
  let commandLine: ReturnType<typeof parseFlags>;
  try {
    commandLine = parseFlags(argv, allFlags(spec));
  } catch (error) {
    return fail(spec, error);
  }
  if (commandLine.values.help) {
    process.stdout.write(formatHelp(spec.name, spec.description, allFlags(spec), [...(spec.envHelp ?? [])]));
    return;
  }
  if (commandLine.values.version) {
    process.stdout.write(`${spec.version}\n`);
    return;
  }
  let built: Awaited<ReturnType<typeof createServer>>;
  try {
    built = await createServer(spec, { argv, env });
  } catch (error) {
    return fail(spec, error);
  }
  const { server, runtime, close, runIdle } = built;
  let closing = false;
  const shutdown = async (code = 0) => {
    if (closing) return;
    closing = true;
    await close().catch(() => undefined);
    process.exit(code);
  };
  process.stdin.on('end', () => void shutdown());
  process.stdin.on('close', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  if (runtime.telemetry) reportCrashes(spec, runtime.telemetry);
  const logger = runtime.context.logger;
  const transport = new StdioLineTransport({
    // Redacted before it is cut, so that no secret is left half-masked.
    onRefused: (refusal, excerpt) => logger.warning(`refused a message (${refusal.code} ${refusal.message}); it began: ${redact(excerpt).slice(0, 200)}`),
  });
  // A client that went away leaves stdout broken: nothing more can be answered.
  transport.onerror = (error) => {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') void shutdown();
  };
  await connectChecked(server, transport);
  setTimeout(() => void runIdle(), IDLE_FALLBACK_MS).unref();
  logger.info(`${spec.name} ${spec.version} ready: ${runtime.tools.length} tools (${runtime.toolsets.join(', ') || 'none'})`);
}

/**
 * With telemetry on, a crash is reported before the process dies as Node would have let it (the error on
 * stderr, exit code 1). Without telemetry nothing is installed: Node's own handling stays.
 */
function reportCrashes(spec: AnyServerSpec, telemetry: Telemetry): void {
  let crashing = false;
  const crash = async (error: unknown) => {
    if (crashing) return;
    crashing = true;
    process.stderr.write(`${spec.name} crashed: ${redact(String((error as Error)?.stack ?? error))}\n`);
    await telemetry.crashed(error).catch(() => undefined);
    process.exit(1);
  };
  process.on('uncaughtException', (error) => void crash(error));
  process.on('unhandledRejection', (reason) => void crash(reason));
}

function fail(spec: AnyServerSpec, error: unknown): never {
  process.stderr.write(`${spec.name}: ${describeError(error, spec.upstream)}\n`);
  process.exit(2);
}

let guarded = false;
function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  const toStderr = (...args: unknown[]) => process.stderr.write(`${redact(args.map(String).join(' '))}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.warn = toStderr;
}

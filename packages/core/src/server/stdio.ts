import type { z } from 'zod';
import { describeError } from '../describe-error.js';
import { redact } from '../redact.js';
import { formatHelp, parseFlags } from './flags.js';
import { createMcpServer } from './mcp.js';
import { allFlags, createRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
import type { ServerSpec } from './spec.js';
import { StdioLineTransport } from './stdio-transport.js';

/** Builds the runtime and MCP server without connecting it (for in-process use and tests). */
export async function createServer(spec: ServerSpec<z.ZodType>, options: RuntimeOptions) {
  const runtime = createRuntime(spec, options);
  const started = (await spec.start?.(runtime.context)) ?? {};
  if (started.hideTools?.length) {
    const hidden = new Set(started.hideTools);
    runtime.tools = runtime.tools.filter((tool) => !hidden.has(tool.name));
    runtime.toolsets = [...new Set(runtime.tools.map((tool) => tool.toolset))];
  }
  const instructions = buildInstructions(spec, runtime, started.notes ?? []);
  let idle = started.idle;
  const runIdle = () => {
    const work = idle;
    idle = undefined;
    work?.();
  };
  const server = createMcpServer(runtime, instructions, runIdle);
  const close = async () => {
    await server.close();
    await started.close?.();
  };
  return { server, runtime, instructions, close, runIdle };
}

/** When a client never lists tools, start()'s idle work runs this long after connecting. */
const IDLE_FALLBACK_MS = 1_000;

function buildInstructions(spec: ServerSpec<z.ZodType>, runtime: Runtime, notes: string[]): string {
  const base =
    typeof spec.instructions === 'string'
      ? spec.instructions
      : spec.instructions({ context: runtime.context, tools: runtime.tools, toolsets: runtime.toolsets });
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
export async function runStdio(spec: ServerSpec<z.ZodType>, argv = process.argv.slice(2), env = process.env): Promise<void> {
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
  const logger = runtime.context.logger;
  const transport = new StdioLineTransport({
    // Redacted before it is cut, so that no secret is left half-masked.
    onRefused: (refusal, excerpt) => logger.warning(`refused a message (${refusal.code} ${refusal.message}); it began: ${redact(excerpt).slice(0, 200)}`),
  });
  // A client that went away leaves stdout broken: nothing more can be answered.
  transport.onerror = (error) => {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') void shutdown();
  };
  await server.connect(transport);
  setTimeout(runIdle, IDLE_FALLBACK_MS).unref();
  logger.info(`${spec.name} ${spec.version} ready: ${runtime.tools.length} tools (${runtime.toolsets.join(', ') || 'none'})`);
}

function fail(spec: ServerSpec<z.ZodType>, error: unknown): never {
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

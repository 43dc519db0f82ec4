// The one module that imports the MCP SDK: the CLI is a client, like testkit's harness, and starts a server
// the way Claude Code and the other clients do (spawn over stdio, initialize, tools/list, tools/call).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import pkg from '../package.json' with { type: 'json' };

export interface LaunchSpec {
  command: string;
  args: readonly string[];
  /** The whole environment of the server process (the client decides what it inherits). */
  env: Record<string, string>;
  cwd: string;
}

/** A tool as tools/list shows it. */
export interface ListedTool {
  name: string;
  description?: string;
  inputSchema: unknown;
  [key: string]: unknown;
}

export interface ToolOutcome {
  structured: Record<string, unknown> | undefined;
  text: string;
  isError: boolean;
}

export interface RunningServer {
  instructions: string;
  tools: ListedTool[];
  /** ms from spawn to the initialize answer, and to the tools/list answer. */
  timings: { initialize: number; toolsList: number };
  call(name: string, args?: Record<string, unknown>): Promise<ToolOutcome>;
  /** Resolves true at the next tools/list_changed (or at once if one came), false after `ms`. */
  toolListChanged(ms: number): Promise<boolean>;
  listTools(): Promise<ListedTool[]>;
  stderr(): string;
  close(): Promise<void>;
}

/** Why a server did not get as far as answering tools/list. */
export class StartFailure extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'StartFailure';
  }
}

export async function startServer(spec: LaunchSpec, timeoutMs: number): Promise<RunningServer> {
  const transport = new StdioClientTransport({ command: spec.command, args: [...spec.args], env: spec.env, cwd: spec.cwd, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'toolbridge-doctor', version: pkg.version }, { capabilities: {} });
  let listChanged = false;
  let onListChanged: (() => void) | undefined;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    listChanged = true;
    onListChanged?.();
  });
  let spawnError: NodeJS.ErrnoException | undefined;
  transport.onerror = (error) => {
    spawnError ??= error as NodeJS.ErrnoException;
  };
  const started = performance.now();
  const options = { timeout: timeoutMs };
  try {
    await client.connect(transport, options);
    const initialize = performance.now() - started;
    const { tools } = await client.listTools(undefined, options);
    const toolsList = performance.now() - started;
    return {
      instructions: client.getInstructions() ?? '',
      tools: tools as ListedTool[],
      timings: { initialize, toolsList },
      call: async (name, args = {}) => {
        const result = await client.callTool({ name, arguments: args }, undefined, options);
        const text = (result.content as Array<{ type: string; text?: string }>)
          .filter((item) => item.type === 'text')
          .map((item) => item.text)
          .join('\n');
        return { structured: result.structuredContent as Record<string, unknown> | undefined, text, isError: Boolean(result.isError) };
      },
      toolListChanged: (ms) =>
        new Promise((resolve) => {
          if (listChanged) return resolve(true);
          const timer = setTimeout(() => resolve(false), ms);
          onListChanged = () => {
            clearTimeout(timer);
            resolve(true);
          };
        }),
      listTools: async () => (await client.listTools(undefined, options)).tools as ListedTool[],
      stderr: () => stderr,
      close: () => client.close(),
    };
  } catch (error) {
    await client.close().catch(() => undefined);
    const reason = spawnError ?? (error as NodeJS.ErrnoException);
    throw new StartFailure(reason.message, stderr, reason.code);
  }
}

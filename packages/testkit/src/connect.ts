import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

export interface ConnectOptions {
  env?: Record<string, string>;
  args?: string[];
  /** Client capabilities to announce (e.g. { elicitation: {} }). */
  capabilities?: ConstructorParameters<typeof Client>[1] extends infer O ? (O extends { capabilities?: infer C } ? C : never) : never;
}

export interface ConnectedServer {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Calls a tool and returns its text, structured content and error flag. */
  call(name: string, args?: Record<string, unknown>): Promise<ToolCallOutcome>;
  /** Calls a tool that must succeed with structured content; throws with the server's text otherwise. */
  ok(name: string, args?: Record<string, unknown>): Promise<NonNullable<ToolCallOutcome['structured']>>;
  /** Calls a tool that must fail; returns its text, throws when it succeeded. */
  fails(name: string, args?: Record<string, unknown>): Promise<string>;
  /** Resolves at the next notifications/tools/list_changed (or at once if one came since the last wait). */
  toolListChanged(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface ToolCallOutcome {
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: each server's own result shape, read field by field by its tests
  structured: Record<string, any> | undefined;
  isError: boolean;
}

/** The bin of a package, resolved from its package.json. */
export function binPath(packageDir: string): string {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  if (!bin) throw new Error(`${packageDir}/package.json has no bin`);
  return resolve(packageDir, bin);
}

/** Spawns a server's bin over stdio and connects the real MCP SDK client to it. */
export async function connectServer(packageDir: string, options: ConnectOptions = {}): Promise<ConnectedServer> {
  return connectCommand(process.execPath, [binPath(packageDir), ...(options.args ?? [])], options);
}

let emptyConfigDir: string | undefined;
/** What says where a server's config directory is; a test that sets one of these chooses its own. */
const CONFIG_LOCATION = ['TOOLBRIDGE_CONFIG_DIR', 'HOME', 'XDG_CONFIG_HOME', 'APPDATA'];

/**
 * Servers under test never read the developer's own credentials (`toolbridge login`): unless the test
 * names a config location of its own, the config directory is an empty one of the test run's and the
 * store a file.
 */
function credentialIsolation(env: Record<string, string> = {}): Record<string, string> {
  if (CONFIG_LOCATION.some((name) => name in env)) return {};
  emptyConfigDir ??= mkdtempSync(join(tmpdir(), 'toolbridge-test-config-'));
  return { TOOLBRIDGE_CONFIG_DIR: emptyConfigDir, TOOLBRIDGE_CREDENTIAL_STORE: 'file' };
}

/**
 * One V8 code cache for every server the test run starts (unless a test names its own): a bin compiles
 * its bundle once per build, not at every launch, and the tests run the cached start users run.
 */
function sharedCodeCache(env: Record<string, string> = {}): Record<string, string> {
  if ('TOOLBRIDGE_CODE_CACHE_DIR' in env) return {};
  return { TOOLBRIDGE_CODE_CACHE_DIR: join(tmpdir(), `toolbridge-test-code-cache-${process.getuid?.() ?? 'user'}`) };
}

/** Spawns any command speaking MCP over stdio and connects the SDK client to it. */
export async function connectCommand(command: string, args: string[], options: Omit<ConnectOptions, 'args'> = {}): Promise<ConnectedServer> {
  const transport = new StdioClientTransport({
    command,
    args,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...credentialIsolation(options.env), ...sharedCodeCache(options.env), ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'toolbridge-testkit', version: '0.0.0' }, { capabilities: options.capabilities ?? {} });
  let listChanges = 0;
  let onListChanged: (() => void) | undefined;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    listChanges += 1;
    onListChanged?.();
  });
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => undefined);
    throw new Error(`server did not start: ${String(error)}\nstderr:\n${stderr}`);
  }
  const call = async (name: string, args: Record<string, unknown> = {}): Promise<ToolCallOutcome> => {
    const result = await client.callTool({ name, arguments: args });
    const text = (result.content as Array<{ type: string; text?: string }>)
      .filter((item) => item.type === 'text')
      .map((item) => item.text)
      .join('\n');
    return { text, structured: result.structuredContent as ToolCallOutcome['structured'], isError: Boolean(result.isError) };
  };
  return {
    client,
    stderr: () => stderr,
    call,
    ok: async (name, args) => {
      const result = await call(name, args);
      if (result.isError || !result.structured) throw new Error(`${name} failed: ${result.text}`);
      return result.structured;
    },
    fails: async (name, args) => {
      const result = await call(name, args);
      if (!result.isError) throw new Error(`${name} should have failed: ${result.text}`);
      return result.text;
    },
    toolListChanged: (timeoutMs = 5_000) =>
      new Promise<void>((resolve, reject) => {
        if (listChanges > 0) {
          listChanges -= 1;
          return resolve();
        }
        const timer = setTimeout(() => reject(new Error(`no tools/list_changed within ${timeoutMs} ms\nstderr:\n${stderr}`)), timeoutMs);
        onListChanged = () => {
          clearTimeout(timer);
          listChanges -= 1;
          onListChanged = undefined;
          resolve();
        };
      }),
    close: () => client.close(),
  };
}

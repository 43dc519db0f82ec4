import type * as z from 'zod';
import type { CoreConfig } from './config/schema.js';
import type { Credentials } from './credentials/resolve.js';
import type { HttpClient } from './http/client.js';
import type { Logger } from './logger.js';

/** MCP tool annotations; all four hints are required so every tool states them honestly. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ConfirmOptions {
  /** What to do when the client cannot be asked (no elicitation): refuse, or go ahead. */
  whenUnsupported: 'refuse' | 'proceed';
}

/** What every handler, resource, prompt and service gets: the server's configuration and shared machinery. */
export interface ServerContext<S = unknown, V = unknown> {
  serverName: string;
  config: CoreConfig;
  /** The server's own config section, validated by its schema. */
  settings: S;
  /** The server's services (API client, caches), each created on first use and closed by core at shutdown. */
  services: V;
  /** Values of the server's own command-line flags. */
  flags: Readonly<Record<string, string | boolean | string[] | undefined>>;
  logger: Logger;
  /** The sandboxed HTTP client; every upstream request goes through it. */
  http: HttpClient;
  env: NodeJS.ProcessEnv;
  /** The server's credential: the environment first, then what `toolbridge login` stored (see spec.credential). */
  credentials: Credentials;
  /**
   * Runs a tool's handler as core runs a call (input parsed and defaulted by the tool's schema, output
   * checked), without the MCP framing: how a resource or prompt reuses a tool. Throws what the tool throws.
   */
  invoke<I extends z.ZodObject, O extends z.ZodObject>(tool: ToolDefinition<I, O, S, V>, args: z.input<I>): Promise<z.output<O>>;
}

export interface ToolContext<S = unknown, V = unknown> extends ServerContext<S, V> {
  /** Aborted when the client cancels the call, its deadline passes, or the server shuts down. */
  signal: AbortSignal;
  /** Reports progress to the client, when it asked for it. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /**
   * Asks the user to confirm through MCP elicitation. Resolves when confirmed; throws
   * ConfirmationRequiredError when declined, or when the client cannot be asked and `whenUnsupported`
   * is "refuse" (unless the server runs with --yes-i-know).
   */
  confirm(message: string, options: ConfirmOptions): Promise<void>;
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject, S = unknown, V = unknown> {
  /** `<service>_<verb>_<noun>`, or `<service>_<verb>` where the verb says it all */
  name: string;
  title: string;
  description: string;
  /** One of the toolsets the server spec declares. */
  toolset: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  handler(input: z.output<I>, context: ToolContext<S, V>): Promise<z.input<O>> | z.input<O>;
  /** Compact text for the model; defaults to minified JSON of the output. */
  render?(output: z.output<O>): string;
  /** Whether the tool exists at all under this configuration (e.g. writes only when read-only is off). */
  enabled?(context: ServerContext<S, V>): boolean;
}

/**
 * A tool as a server declares it: its schemas may be functions, built at the first call that needs them
 * rather than when the server starts (tools/list reads the JSON Schemas the build computed).
 */
export type ToolDeclaration<I extends z.ZodObject, O extends z.ZodObject, S, V> = Omit<ToolDefinition<I, O, S, V>, 'input' | 'output'> & {
  input: I | (() => I);
  output: O | (() => O);
};

function withLazySchemas<I extends z.ZodObject, O extends z.ZodObject, S, V>(declaration: ToolDeclaration<I, O, S, V>): ToolDefinition<I, O, S, V> {
  const { input, output, ...rest } = declaration;
  const inputSchema = memo(input);
  const outputSchema = memo(output);
  return {
    ...rest,
    get input() {
      return inputSchema();
    },
    get output() {
      return outputSchema();
    },
  };
}

function memo<T extends z.ZodType>(schema: T | (() => T)): () => T {
  if (typeof schema !== 'function') return () => schema;
  let built: T | undefined;
  return () => {
    built ??= schema();
    return built;
  };
}

export type Completer<S = unknown, V = unknown> = (
  value: string,
  context: ServerContext<S, V>,
  otherArguments: Record<string, string>,
) => Promise<string[]> | string[];

export interface ResourceContents {
  text: string;
  mimeType?: string;
}

export interface ResourceDefinition<S = unknown, V = unknown> {
  name: string;
  title?: string;
  description: string;
  /** A static URI, or an RFC 6570 template such as `db://{source}/tables/{table}`. */
  uri: string;
  mimeType?: string;
  /** For templates: the concrete resources to show in resources/list. */
  list?(context: ServerContext<S, V>): Promise<Array<{ uri: string; name: string; description?: string }>>;
  /** For templates: completion of each variable. */
  complete?: Record<string, Completer<S, V>>;
  read(params: Record<string, string>, context: ServerContext<S, V>, uri: string): Promise<ResourceContents | string> | ResourceContents | string;
  /** Whether the resource is offered under this configuration (e.g. only with a default repository). */
  enabled?(context: ServerContext<S, V>): boolean;
}

export interface PromptArgument<S = unknown, V = unknown> {
  description: string;
  required?: boolean;
  complete?: Completer<S, V>;
}

export type PromptMessage = { role: 'user' | 'assistant'; text: string };

export interface PromptDefinition<S = unknown, V = unknown> {
  name: string;
  title?: string;
  description: string;
  args: Record<string, PromptArgument<S, V>>;
  render(args: Record<string, string>, context: ServerContext<S, V>): Promise<string | PromptMessage[]> | string | PromptMessage[];
  /** Whether the prompt is offered under this configuration (e.g. only when the tools it names are). */
  enabled?(context: ServerContext<S, V>): boolean;
}

/**
 * The definers of one server, typed with its settings and services: handlers, resources and prompts get
 * a typed `context` without annotations or casts. A server exports them once (`src/define.ts`):
 *
 *   export const { defineTool, defineResource, definePrompt } = definitionsFor<SlackSettings, SlackServices>();
 */
export function definitionsFor<S, V = Record<string, never>>() {
  return {
    /** Declares a tool once; core does validation, errors, limits, redaction and audit around the handler. */
    defineTool: <I extends z.ZodObject, O extends z.ZodObject>(declaration: ToolDeclaration<I, O, S, V>): ToolDefinition<I, O, S, V> =>
      withLazySchemas(declaration),
    defineResource: (definition: ResourceDefinition<S, V>): ResourceDefinition<S, V> => definition,
    definePrompt: (definition: PromptDefinition<S, V>): PromptDefinition<S, V> => definition,
  };
}

/** Definers for a server without settings or services of its own. */
export const { defineTool, defineResource, definePrompt } = definitionsFor<unknown, unknown>();

import type { z } from 'zod';
import type { CoreConfig } from './config/schema.js';
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

/** What a handler gets besides its validated input. */
export interface ServerContext<S = unknown> {
  serverName: string;
  config: CoreConfig;
  /** The server's own config section, validated by its schema. */
  settings: S;
  /** Values of the server's own command-line flags. */
  flags: Readonly<Record<string, string | boolean | string[] | undefined>>;
  logger: Logger;
  /** The sandboxed HTTP client; every upstream request goes through it. */
  http: HttpClient;
  env: NodeJS.ProcessEnv;
}

export interface ToolContext<S = unknown> extends ServerContext<S> {
  /** Aborted when the client cancels the call or the server shuts down. */
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

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject, S = any> {
  /** `<service>_<verb>_<noun>`, or `<service>_<verb>` where the verb says it all */
  name: string;
  title: string;
  description: string;
  toolset: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  handler(input: z.output<I>, context: ToolContext<S>): Promise<z.input<O>> | z.input<O>;
  /** Compact text for the model; defaults to minified JSON of the output. */
  render?(output: z.output<O>): string;
  /** Whether the tool exists at all under this configuration (e.g. writes only when read-only is off). */
  enabled?(context: ServerContext<S>): boolean;
}

/** Declares a tool once; core does validation, errors, limits, redaction and audit around the handler. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject, S = any>(definition: ToolDefinition<I, O, S>): ToolDefinition<I, O, S> {
  return definition;
}

export type Completer<S = any> = (value: string, context: ServerContext<S>, otherArguments: Record<string, string>) => Promise<string[]> | string[];

export interface ResourceContents {
  text: string;
  mimeType?: string;
}

export interface ResourceDefinition<S = any> {
  name: string;
  title?: string;
  description: string;
  /** A static URI, or an RFC 6570 template such as `db://{source}/tables/{table}`. */
  uri: string;
  mimeType?: string;
  /** For templates: the concrete resources to show in resources/list. */
  list?(context: ServerContext<S>): Promise<Array<{ uri: string; name: string; description?: string }>>;
  /** For templates: completion of each variable. */
  complete?: Record<string, Completer<S>>;
  read(params: Record<string, string>, context: ServerContext<S>, uri: string): Promise<ResourceContents | string> | ResourceContents | string;
  enabled?(context: ServerContext<S>): boolean;
}

export function defineResource<S = any>(definition: ResourceDefinition<S>): ResourceDefinition<S> {
  return definition;
}

export interface PromptArgument {
  description: string;
  required?: boolean;
  complete?: Completer;
}

export type PromptMessage = { role: 'user' | 'assistant'; text: string };

export interface PromptDefinition<S = any> {
  name: string;
  title?: string;
  description: string;
  args: Record<string, PromptArgument>;
  render(args: Record<string, string>, context: ServerContext<S>): Promise<string | PromptMessage[]> | string | PromptMessage[];
}

export function definePrompt<S = any>(definition: PromptDefinition<S>): PromptDefinition<S> {
  return definition;
}

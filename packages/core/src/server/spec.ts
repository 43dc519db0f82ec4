import type * as z from 'zod';
import type { EnvBinding } from '../config/load.js';
import type { CredentialSpec } from '../credentials/resolve.js';
import type { PromptDefinition, ResourceDefinition, ServerContext, ToolDefinition } from '../define.js';
import type { ServiceDefinitions } from '../services.js';
import type { UpstreamAdapter } from '../upstream.js';
import type { FlagSpec } from './flags.js';

export interface InstructionsInput<S, V = unknown> {
  context: ServerContext<S, V>;
  /** The tools actually offered after filtering. */
  tools: readonly ToolDefinition[];
  toolsets: readonly string[];
  /** Whether a tool is offered, for sentences that name one. */
  offers(toolName: string): boolean;
}

/** What start()'s idle work learned: tools to take back (the client is told through tools/list_changed). */
export interface IdleOutcome {
  hideTools?: readonly string[];
}

export interface StartResult {
  /** Extra lines for the server instructions (e.g. a privilege warning). */
  notes?: string[];
  /**
   * Tools to leave out after all, learned while starting (e.g. ones the credential lacks the scopes
   * for); they are absent from tools/list like any filtered tool.
   */
  hideTools?: readonly string[];
  /**
   * Work for when the client has its tool list (probing the credential, warming caches), so it never
   * delays start-up. Runs once: after the first tools/list answer, or a second after connecting for a
   * client that never asks. Tools it says to hide are removed and the client is notified.
   */
  idle?: () => undefined | IdleOutcome | Promise<undefined | IdleOutcome>;
  /** Called once when the server shuts down (services are closed by core after it). */
  close?: () => Promise<void> | void;
}

export interface ToolsetSpec {
  /** One line for --help and the CLI. */
  description: string;
  /** Enabled when the user names no toolsets. */
  default?: boolean;
}

export interface ServerSpec<S extends z.ZodType = z.ZodType, V = unknown> {
  /** The bin name, e.g. "toolbridge-github". */
  name: string;
  version: string;
  title: string;
  /** One line for --help. */
  description: string;
  instructions: string | ((input: InstructionsInput<z.output<S>, V>) => string);
  tools: ReadonlyArray<ToolDefinition<z.ZodObject, z.ZodObject, z.output<S>, V>>;
  /** Every toolset a tool may name, declared once; the defaults are those marked `default`. */
  toolsets: Record<string, ToolsetSpec>;
  resources?: ReadonlyArray<ResourceDefinition<z.output<S>, V>>;
  prompts?: ReadonlyArray<PromptDefinition<z.output<S>, V>>;
  /** The server's own section of the config file and its schema, e.g. key "github". */
  settings: {
    key: string;
    schema: S;
    env?: Record<string, EnvBinding>;
    /** Config keys that moved (old path -> new path, e.g. "security.readOnly" -> "database.readOnly"): still read, with a warning. */
    moved?: Record<string, string>;
  };
  /** The server's services (API client, caches): each created on first use, closed by core at shutdown. */
  services?: ServiceDefinitions<V, z.output<S>>;
  /** Prefix for selection variables: GITHUB gives GITHUB_TOOLSETS, GITHUB_READ_ONLY, GITHUB_TOOLS... */
  envPrefix?: string;
  /** Server-specific flags, merged with core's. */
  flags?: Record<string, FlagSpec>;
  /** Hosts reachable by default (when security.allowedDomains is not set), on port 443. */
  allowedDomains?: readonly string[];
  /**
   * false: the server sends no HTTP requests (it talks to its upstream another way, as the database
   * server does). `context.http` then refuses every request, and calls run without the async scope
   * requests read their call from (AsyncLocalStorage, which slows every promise on Node 20 and 22).
   */
  http?: false;
  /**
   * The server's credential: its name for `toolbridge login`, and the variables that hold it (they win
   * over the store). Read with `context.credentials.require()`; a stored OAuth token is refreshed there.
   */
  credential?: CredentialSpec;
  /** Environment variables holding secrets; their values are masked everywhere. */
  secretEnv?: readonly string[];
  /** Who the upstream is and how to read its answers: rate limits, auth failures, error bodies. */
  upstream?: UpstreamAdapter;
  /** Help lines about the server's environment variables. */
  envHelp?: readonly string[];
  /** Runs once before the server accepts requests (connect, check privileges...). Must not wait on the network. */
  start?(context: ServerContext<z.output<S>, V>): Promise<StartResult | undefined> | StartResult | undefined;
}

/** Declares a server; the identity function exists for type inference. */
export function defineServer<S extends z.ZodType, V = unknown>(spec: ServerSpec<S, V>): ServerSpec<S, V> {
  return spec;
}

/** A spec with its types erased, as the runtime handles it. */
export type AnyServerSpec = ServerSpec<z.ZodType, unknown>;

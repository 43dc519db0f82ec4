import type { z } from 'zod';
import type { EnvBinding } from '../config/load.js';
import type { PromptDefinition, ResourceDefinition, ServerContext, ToolDefinition } from '../define.js';
import type { UpstreamLabel } from '../describe-error.js';
import type { FlagSpec } from './flags.js';

export interface InstructionsInput<S> {
  context: ServerContext<S>;
  /** The tools actually offered after filtering. */
  tools: readonly ToolDefinition[];
  toolsets: readonly string[];
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
   * Work for when the client has its tool list (warming caches, refreshing what start() took from
   * memory), so it never delays start-up. Runs once: after the first tools/list answer, or a second
   * after connecting for a client that never asks.
   */
  idle?: () => void;
  /** Called once when the server shuts down. */
  close?: () => Promise<void> | void;
}

export interface ServerSpec<S extends z.ZodType = z.ZodType> {
  /** The bin name, e.g. "toolbridge-github". */
  name: string;
  version: string;
  title: string;
  /** One line for --help. */
  description: string;
  instructions: string | ((input: InstructionsInput<z.output<S>>) => string);
  tools: ReadonlyArray<ToolDefinition<any, any, any>>;
  resources?: ReadonlyArray<ResourceDefinition<any>>;
  prompts?: ReadonlyArray<PromptDefinition<any>>;
  /** Toolsets enabled when the user names none. */
  defaultToolsets?: readonly string[];
  /** The server's own section of the config file and its schema, e.g. key "github". */
  settings: { key: string; schema: S; env?: Record<string, EnvBinding> };
  /** Prefix for selection variables: GITHUB gives GITHUB_TOOLSETS, GITHUB_READ_ONLY, GITHUB_TOOLS... */
  envPrefix?: string;
  /** Server-specific flags, merged with core's. */
  flags?: Record<string, FlagSpec>;
  /** Hosts reachable by default (when security.allowedDomains is not set). */
  allowedDomains?: readonly string[];
  /** Environment variables holding secrets; their values are masked everywhere. */
  secretEnv?: readonly string[];
  upstream?: UpstreamLabel;
  /** Help lines about the server's environment variables. */
  envHelp?: readonly string[];
  /** Runs once before the server accepts requests (connect, check privileges...). */
  start?(context: ServerContext<z.output<S>>): Promise<StartResult | undefined> | StartResult | undefined;
}

/** Declares a server; the identity function exists for type inference. */
export function defineServer<S extends z.ZodType>(spec: ServerSpec<S>): ServerSpec<S> {
  return spec;
}

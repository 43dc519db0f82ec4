import type { z } from 'zod';
import { AuditLog } from '../audit.js';
import type { EnvBinding } from '../config/load.js';
import { loadConfig } from '../config/load.js';
import type { LogLevel } from '../config/schema.js';
import type { PromptDefinition, ResourceDefinition, ServerContext, ToolDefinition } from '../define.js';
import { createHttpClient, type FetchLike } from '../http/client.js';
import { createLogger, type LogSink } from '../logger.js';
import { registerSecret } from '../redact.js';
import { CORE_FLAGS, type FlagSpec, parseFlags } from './flags.js';
import { selectTools } from './select.js';
import type { ServerSpec } from './spec.js';

export interface Runtime<S = unknown> {
  spec: ServerSpec<z.ZodType>;
  context: ServerContext<S>;
  tools: ToolDefinition[];
  resources: ResourceDefinition[];
  prompts: PromptDefinition[];
  toolsets: string[];
  audit: AuditLog | undefined;
  /** Log lines are also forwarded here (to the MCP client once it sets a level). */
  logSinks: LogSink[];
  /** The level set by the client through logging/setLevel, if any. */
  clientLogLevel: LogLevel | undefined;
}

export interface RuntimeOptions {
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** Tests only: a transport under the sandboxed client. */
  transport?: FetchLike;
}

export type ParsedCommandLine = ReturnType<typeof parseFlags>;

export function allFlags(spec: ServerSpec<z.ZodType>): Record<string, FlagSpec> {
  return { ...CORE_FLAGS, ...spec.flags };
}

function envBindings(spec: ServerSpec<z.ZodType>): Record<string, EnvBinding> {
  const selection = (prefix: string): Record<string, EnvBinding> => ({
    [`${prefix}_READ_ONLY`]: { path: 'selection.readOnly', kind: 'boolean' },
    [`${prefix}_TOOLSETS`]: { path: 'selection.toolsets', kind: 'list' },
    [`${prefix}_TOOLS`]: { path: 'selection.tools', kind: 'list' },
    [`${prefix}_EXCLUDE_TOOLS`]: { path: 'selection.excludeTools', kind: 'list' },
    [`${prefix}_ROLE`]: { path: 'selection.role', kind: 'string' },
  });
  return {
    ...flagBindings(allFlags(spec)),
    ...(spec.envPrefix ? selection(spec.envPrefix) : {}),
    TOOLBRIDGE_ALLOWED_DOMAINS: { path: 'security.allowedDomains', kind: 'list' },
    TOOLBRIDGE_BLOCKED_DOMAINS: { path: 'security.blockedDomains', kind: 'list' },
    TOOLBRIDGE_CACHE_TTL: { path: 'globalSettings.cacheTTL', kind: 'number' },
    ...Object.fromEntries(
      Object.entries(spec.settings.env ?? {}).map(([name, binding]) => [name, { ...binding, path: `${spec.settings.key}.${binding.path}` }]),
    ),
  };
}

/** Each flag's environment variable sets what the flag sets. */
function flagBindings(flags: Record<string, FlagSpec>): Record<string, EnvBinding> {
  return Object.fromEntries(
    Object.values(flags).flatMap((flag) =>
      flag.env && flag.configPath ? [[flag.env, { path: flag.configPath, kind: flag.type === 'boolean' ? 'boolean' : flag.list ? 'list' : 'string' }]] : [],
    ),
  );
}

/** Everything a server needs before it talks MCP: flags, layered config, logger, HTTP client, selected tools. */
export function createRuntime<S>(spec: ServerSpec<z.ZodType>, options: RuntimeOptions, commandLine = parseFlags(options.argv, allFlags(spec))): Runtime<S> {
  const { env } = options;
  for (const name of spec.secretEnv ?? []) registerSecret(env[name]);
  const loaded = loadConfig({
    file: (commandLine.values.config as string | undefined) ?? env.TOOLBRIDGE_CONFIG,
    env,
    envBindings: envBindings(spec),
    flagValues: commandLine.configValues,
    sectionKey: spec.settings.key,
    sectionSchema: spec.settings.schema,
  });
  const logSinks: LogSink[] = [];
  const runtime = {} as Runtime<S>;
  const logger = createLogger(spec.name, () => loaded.core.globalSettings.logLevel, logSinks);
  const http = createHttpClient({
    config: loaded.core,
    ...(spec.allowedDomains ? { defaultAllowedDomains: spec.allowedDomains } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
  });
  const context: ServerContext<S> = {
    serverName: spec.name,
    config: loaded.core,
    settings: loaded.section as S,
    flags: commandLine.values,
    logger,
    http,
    env,
  };
  const available = <T extends { enabled?(context: ServerContext<any>): boolean }>(items: readonly T[] | undefined) =>
    (items ?? []).filter((item) => item.enabled?.(context) ?? true);
  const tools = selectTools(available(spec.tools as ToolDefinition[]), loaded.core.selection, spec.defaultToolsets ?? ['all']);
  const auditFile = loaded.core.audit.file;
  Object.assign(runtime, {
    spec,
    context,
    tools,
    resources: available(spec.resources as ResourceDefinition[]),
    prompts: [...(spec.prompts ?? [])] as PromptDefinition[],
    toolsets: [...new Set(tools.map((tool) => tool.toolset))],
    audit: auditFile ? new AuditLog(auditFile, (error) => logger.warning(`audit log write failed: ${String(error)}`)) : undefined,
    logSinks,
    clientLogLevel: undefined,
  });
  return runtime;
}

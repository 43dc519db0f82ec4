import { AuditLog, checkAuditFile } from '../audit.js';
import type { EnvBinding } from '../config/load.js';
import { loadConfig } from '../config/load.js';
import type { LogLevel } from '../config/schema.js';
import { createCredentials } from '../credentials/resolve.js';
import type { PromptDefinition, ResourceDefinition, ServerContext, ToolDefinition } from '../define.js';
import { ConfigError, EgressDeniedError } from '../errors.js';
import { type CallScope, runInCallScope } from '../http/call-scope.js';
import { createHttpClient, type FetchLike, type HttpClient } from '../http/client.js';
import { createLogger, type LogSink } from '../logger.js';
import { registerSecret } from '../redact.js';
import { createServices } from '../services.js';
import { createTelemetry, type Telemetry } from '../telemetry/index.js';
import { CORE_FLAGS, type FlagSpec, parseFlags } from './flags.js';
import { selectTools } from './select.js';
import type { AnyServerSpec } from './spec.js';
import { invokeTool } from './tool-call.js';

export interface Runtime {
  spec: AnyServerSpec;
  context: ServerContext;
  tools: ToolDefinition[];
  resources: ResourceDefinition[];
  prompts: PromptDefinition[];
  toolsets: string[];
  audit: AuditLog | undefined;
  /** Log lines are also forwarded here (to the MCP client once it sets a level). */
  logSinks: LogSink[];
  /** The level set by the client through logging/setLevel, if any. */
  clientLogLevel: LogLevel | undefined;
  /** Closes the services that were created. */
  closeServices(): Promise<void>;
  /** Crash and failure reports, when TOOLBRIDGE_TELEMETRY_DSN is set. */
  telemetry: Telemetry | undefined;
  /** Runs a call's (or the idle work's) code in its call scope; directly when the server sends no HTTP requests. */
  inScope<T>(scope: CallScope, fn: () => T): T;
}

export interface RuntimeOptions {
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** Tests only: a transport under the sandboxed client. */
  transport?: FetchLike;
}

export type ParsedCommandLine = ReturnType<typeof parseFlags>;

export function allFlags(spec: AnyServerSpec): Record<string, FlagSpec> {
  return { ...CORE_FLAGS, ...spec.flags };
}

function envBindings(spec: AnyServerSpec): Record<string, EnvBinding> {
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
    TOOLBRIDGE_MASK_PII: { path: 'security.maskPii', kind: 'boolean' },
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

/** Every tool names a declared toolset; the defaults are the toolsets marked `default` (all when none is). */
function checkToolsets(spec: AnyServerSpec): string[] {
  const declared = Object.keys(spec.toolsets);
  const undeclared = spec.tools.filter((tool) => !declared.includes(tool.toolset));
  if (undeclared.length) {
    throw new ConfigError('', `${spec.name}: tool(s) ${undeclared.map((tool) => `${tool.name} (${tool.toolset})`).join(', ')} name an undeclared toolset`, {
      hint: `Declare it in the server spec's toolsets (${declared.join(', ')}). This is a bug in the server.`,
    });
  }
  const defaults = declared.filter((name) => spec.toolsets[name]?.default);
  return defaults.length ? defaults : ['all'];
}

/** Everything a server needs before it talks MCP: flags, layered config, logger, HTTP client, services, selected tools. */
export function createRuntime(spec: AnyServerSpec, options: RuntimeOptions, commandLine = parseFlags(options.argv, allFlags(spec))): Runtime {
  const { env } = options;
  for (const name of spec.secretEnv ?? []) registerSecret(env[name]);
  const defaultToolsets = checkToolsets(spec);
  const logSinks: LogSink[] = [];
  let logLevel: LogLevel = 'info';
  const logger = createLogger(spec.name, () => logLevel, logSinks);
  const loaded = loadConfig({
    file: (commandLine.values.config as string | undefined) ?? env.TOOLBRIDGE_CONFIG,
    env,
    envBindings: envBindings(spec),
    flagValues: commandLine.configValues,
    sectionKey: spec.settings.key,
    sectionSchema: spec.settings.schema,
    moved: spec.settings.moved ?? {},
    warn: (message) => logger.warning(message),
  });
  logLevel = loaded.core.globalSettings.logLevel;
  const credentials = createCredentials({
    spec: spec.credential,
    env,
    fetch: () => http.fetch,
    allow: (origin) => http.allowBaseUrl(origin),
  });
  const client = createHttpClient({
    config: loaded.core,
    env,
    afterUnauthorized: (token) => credentials.afterUnauthorized(token),
    ...(spec.allowedDomains ? { defaultAllowedDomains: spec.allowedDomains } : {}),
    ...(spec.upstream ? { upstream: spec.upstream } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
  });
  const http = spec.http === false ? withoutRequests(client, spec.name) : client;
  const runtime = {} as Runtime;
  const registry = createServices(spec.services, () => context);
  const context: ServerContext = {
    serverName: spec.name,
    config: loaded.core,
    settings: loaded.section,
    services: registry.services,
    flags: commandLine.values,
    logger,
    http,
    env,
    credentials,
    invoke: (tool, args) => invokeTool(context, tool as ToolDefinition, args) as never,
  };
  const available = <T extends { enabled?(context: ServerContext): boolean }>(items: readonly T[] | undefined) =>
    (items ?? []).filter((item) => item.enabled?.(context) ?? true);
  const tools = selectTools(available(spec.tools as ToolDefinition[]), loaded.core.selection, defaultToolsets);
  const auditFile = loaded.core.audit.file;
  if (auditFile) checkAuditFile(auditFile);
  Object.assign(runtime, {
    spec,
    context,
    tools,
    resources: available(spec.resources as ResourceDefinition[]),
    prompts: available(spec.prompts as PromptDefinition[]),
    toolsets: [...new Set(tools.map((tool) => tool.toolset))],
    audit: auditFile
      ? new AuditLog(auditFile, (error) => logger.warning(`audit log write failed: ${String(error)}`), { maskPii: loaded.core.security.maskPii })
      : undefined,
    logSinks,
    clientLogLevel: undefined,
    closeServices: registry.close,
    telemetry: createTelemetry({ dsn: env.TOOLBRIDGE_TELEMETRY_DSN, server: spec.name, version: spec.version, logger }),
    inScope: spec.http === false ? <T>(_scope: CallScope, fn: () => T) => fn() : runInCallScope,
  });
  return runtime;
}

/** The client of a server that declared `http: false`: every request is refused before it is made. */
function withoutRequests(client: HttpClient, server: string): HttpClient {
  const refuse = async (): Promise<never> => {
    throw new EgressDeniedError('http: false', `${server} sends no HTTP requests`, {
      hint: 'This is a bug in the server: its spec says it makes none (`http: false`).',
    });
  };
  return { ...client, fetch: refuse, json: refuse };
}

export { defineTool, defineResource, definePrompt } from './define.js';
export type {
  ToolDefinition,
  ToolAnnotations,
  ToolContext,
  ServerContext,
  ResourceDefinition,
  ResourceContents,
  PromptDefinition,
  PromptMessage,
  PromptArgument,
  Completer,
  ConfirmOptions,
} from './define.js';
export { defineServer } from './server/spec.js';
export type { ServerSpec, StartResult, InstructionsInput } from './server/spec.js';
export { createServer, runStdio } from './server/stdio.js';
export { selectTools } from './server/select.js';
export type { FlagSpec } from './server/flags.js';
export type { EnvBinding } from './config/load.js';
export { parseSize } from './config/size.js';
export type { CoreConfig, GlobalSettings, SecuritySettings, Selection, LogLevel, Role } from './config/schema.js';
export { createHttpClient, STALE_HEADER } from './http/client.js';
export type { HttpClient, FetchLike } from './http/client.js';
export { isLoopback } from './http/egress.js';
export {
  ToolbridgeError,
  InvalidInputError,
  PolicyError,
  EgressDeniedError,
  ConfigError,
  NotFoundError,
  UpstreamError,
  RateLimitError,
  CircuitOpenError,
  TimeoutError,
  ConfirmationRequiredError,
} from './errors.js';
export { describeError } from './describe-error.js';
export type { UpstreamLabel } from './describe-error.js';
export { redact, redactDeep, registerSecret } from './redact.js';
export { untrusted, sanitizeUntrusted } from './untrusted.js';
export { fitToBudget, describeCuts } from './budget.js';
export type { Logger } from './logger.js';
export { truncate, toCsv } from './text.js';
export { sha256Hex } from './hash.js';
export { cacheDir } from './cache-dir.js';

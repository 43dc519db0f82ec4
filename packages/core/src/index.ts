export { describeCuts, fitToBudget } from './budget.js';
export { cacheDir, writeCacheFile } from './cache-dir.js';
export { closestName } from './config/keys.js';
export type { EnvBinding } from './config/load.js';
export type { CoreConfig, GlobalSettings, LogLevel, Role, SecuritySettings, Selection } from './config/schema.js';
export { coreConfigSchema } from './config/schema.js';
export { parseSize } from './config/size.js';
export { configDir } from './credentials/config-dir.js';
export { CREDENTIALS_FILE, FileCredentialStore, KEY_FILE } from './credentials/file-store.js';
export { withLock } from './credentials/lock.js';
export type { TokenAnswer } from './credentials/oauth.js';
export { credentialFrom, postTokenForm } from './credentials/oauth.js';
export type { CredentialSpec, Credentials, ResolvedCredential } from './credentials/resolve.js';
export { loginCommand } from './credentials/resolve.js';
export { openCredentialStore } from './credentials/store.js';
export type { CredentialStore, StoredCredential, StoreKind } from './credentials/types.js';
export type {
  Completer,
  ConfirmOptions,
  PromptArgument,
  PromptDefinition,
  PromptMessage,
  ResourceContents,
  ResourceDefinition,
  ServerContext,
  ToolAnnotations,
  ToolContext,
  ToolDeclaration,
  ToolDefinition,
} from './define.js';
export { definePrompt, defineResource, defineTool, definitionsFor } from './define.js';
export { describeError, quoteUpstream } from './describe-error.js';
export {
  CircuitOpenError,
  ConfigError,
  ConfirmationRequiredError,
  EgressDeniedError,
  InvalidInputError,
  NotFoundError,
  PolicyError,
  RateLimitError,
  TimeoutError,
  ToolbridgeError,
  UpstreamError,
} from './errors.js';
export { sha256Hex } from './hash.js';
export type { FetchLike, HttpClient } from './http/client.js';
export { createHttpClient, STALE_HEADER } from './http/client.js';
export { isLoopback } from './http/egress.js';
export { pathSegment, urlPath } from './http/url-path.js';
export type { Logger } from './logger.js';
export { maskPii, maskPiiDeep } from './pii.js';
export { annotations, compact } from './presets.js';
export { redact, redactDeep, registerSecret } from './redact.js';
export type { FlagSpec } from './server/flags.js';
export { toolSchemas } from './server/schema-json.js';
export { selectTools } from './server/select.js';
export type { IdleOutcome, InstructionsInput, ServerSpec, StartResult, ToolsetSpec } from './server/spec.js';
export { defineServer } from './server/spec.js';
export { createServer, runStdio } from './server/stdio.js';
export type { ServiceDefinition, ServiceDefinitions, ServicesOf } from './services.js';
export { Memo, service } from './services.js';
export type { Table, TableShape } from './table.js';
export { records, tableOf, withoutEmpty } from './table.js';
export { oneLine, toCsv, truncate } from './text.js';
export { sanitizeUntrusted, untrusted } from './untrusted.js';
export type { Classification, FailureKind, UpstreamAdapter, UpstreamAnswer } from './upstream.js';
export { clampWait, classifyStatus, kindOfStatus, retryAfterMs } from './upstream.js';

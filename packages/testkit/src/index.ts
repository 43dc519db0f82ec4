export type { ConnectedServer, ConnectOptions, ToolCallOutcome } from './connect.js';
export { binPath, connectCommand, connectServer } from './connect.js';
export * from './fake/index.js';
export * from './github/index.js';
export * from './sentry/index.js';
export { apiSpecFile, apiSpecsDir, packageFile, readSpec } from './specs.js';
export * from './trace/index.js';

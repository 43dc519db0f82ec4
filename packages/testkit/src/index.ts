export type { ConnectedServer, ConnectOptions, ToolCallOutcome } from './connect.js';
export { binPath, connectCommand, connectServer } from './connect.js';
export type { FakeRequest, FakeResponse, FakeUpstream, RouteHandler, Routes } from './fake-upstream.js';
export { startFakeUpstream } from './fake-upstream.js';
export * from './github/index.js';
export * from './sentry/index.js';
export { apiSpecsDir } from './specs.js';

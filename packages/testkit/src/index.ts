export { startFakeUpstream } from './fake-upstream.js';
export type { FakeRequest, FakeResponse, FakeUpstream, RouteHandler, Routes } from './fake-upstream.js';
export { connectServer, connectCommand, binPath } from './connect.js';
export type { ConnectedServer, ConnectOptions, ToolCallOutcome } from './connect.js';
export { apiSpecsDir } from './specs.js';
export * from './github/index.js';

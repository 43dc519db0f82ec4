export type { ConnectedServer, ConnectOptions, ToolCallOutcome } from './connect.js';
export { binPath, connectCommand, connectServer } from './connect.js';
export * from './fake/index.js';
export * from './github/index.js';
export type { ClientProtocolProbe, MalformedLine, ProbeOutcome, RawProtocolProbe } from './hostile-protocol.js';
export { malformedLines, probeClientProtocol, probeMismatches, probeRawProtocol } from './hostile-protocol.js';
export type { RawAnswer, RawSession } from './raw-stdio.js';
export { flagEnvironment, spawnRaw } from './raw-stdio.js';
export { apiSpecFile, apiSpecsDir, packageFile, readSpec } from './specs.js';

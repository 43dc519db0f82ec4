import { getWorkspace } from './get-workspace.js';

/** Every tool of the server; each names its toolset (declared in index.ts). */
export const tools = [getWorkspace];

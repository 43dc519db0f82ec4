import { claudeCode } from './claude-code.js';
import { claudeDesktop } from './claude-desktop.js';
import { codex } from './codex.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import type { ClientId, McpClient } from './types.js';
import { vscode } from './vscode.js';

export type { ClientId, ConfiguredServer, McpClient, Place, Scope, ServerPlan } from './types.js';
export { CLIENT_IDS, UnreadableConfig } from './types.js';

export const CLIENTS: readonly McpClient[] = [claudeCode, claudeDesktop, cursor, vscode, codex, gemini];

export const clientById = (id: ClientId): McpClient => CLIENTS.find((client) => client.id === id)!;

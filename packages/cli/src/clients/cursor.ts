// Cursor, as documented at https://cursor.com/docs/mcp (checked for this writer): `.cursor/mcp.json` in the
// project or `~/.cursor/mcp.json` for the user, `{ "mcpServers": { name: { command, args, env } } }`;
// `${env:NAME}`, `${userHome}` and `${workspaceFolder}` are interpolated in command, args, env, url and headers.
import { join } from 'node:path';
import { editorExpander, launchWith } from './expand.js';
import { mergeJsonServers, readJsonServers } from './json-config.js';
import { projectRelative } from './paths.js';
import type { McpClient } from './types.js';

const missingVariableFix = (name: string): string =>
  `Set ${name} in the environment Cursor starts from (launch Cursor from a shell that exports it, or use "envFile").`;

export const cursor: McpClient = {
  id: 'cursor',
  title: 'Cursor',
  docs: 'https://cursor.com/docs/mcp',
  secretsFrom: 'environment',
  missingFix: missingVariableFix,
  scopes: ['project', 'user'],
  defaultScope: 'project',
  file: (scope, place) => (scope === 'project' ? join(place.cwd, '.cursor', 'mcp.json') : join(place.home, '.cursor', 'mcp.json')),
  configFiles: (place) => [
    { scope: 'project', file: join(place.cwd, '.cursor', 'mcp.json') },
    { scope: 'user', file: join(place.home, '.cursor', 'mcp.json') },
  ],
  configArgument: (scope, path, place) => projectRelative(scope, path, place, '${workspaceFolder}'),
  render: (existing, plans, options) =>
    mergeJsonServers(existing, plans, {
      ...options,
      path: ['mcpServers'],
      entry: (plan) => ({
        command: plan.command,
        args: plan.args,
        ...(plan.secrets.length ? { env: Object.fromEntries(plan.secrets.map((secret) => [secret.variable, `\${env:${secret.source}}`])) } : {}),
      }),
    }),
  read: (text, file) => readJsonServers('cursor', text, file, ['mcpServers']),
  launch: (entry, place) =>
    launchWith(entry, place, {
      expand: editorExpander,
      inherit: 'all',
      missingFix: missingVariableFix,
    }),
};

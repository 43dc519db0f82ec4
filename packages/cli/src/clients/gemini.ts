// Gemini CLI, as documented at https://geminicli.com/docs/tools/mcp-server/ (checked for this writer):
// `.gemini/settings.json` in the project or `~/.gemini/settings.json` for the user, `{ "mcpServers": { name:
// { command, args, env, cwd, timeout, trust, includeTools, excludeTools } } }`; env values may refer to
// variables as `$VAR_NAME` or `${VAR_NAME}`. The file holds Gemini's other settings too: they are kept.
import { join } from 'node:path';
import { geminiExpander, launchWith } from './expand.js';
import { mergeJsonServers, readJsonServers } from './json-config.js';
import { projectRelative } from './paths.js';
import type { McpClient } from './types.js';

const missingVariableFix = (name: string): string => `Set ${name} in the shell that starts Gemini CLI (or in a .env file it loads).`;

export const gemini: McpClient = {
  id: 'gemini',
  title: 'Gemini CLI',
  docs: 'https://geminicli.com/docs/tools/mcp-server/',
  secretsFrom: 'environment',
  missingFix: missingVariableFix,
  scopes: ['project', 'user'],
  defaultScope: 'project',
  file: (scope, place) => (scope === 'project' ? join(place.cwd, '.gemini', 'settings.json') : join(place.home, '.gemini', 'settings.json')),
  configFiles: (place) => [
    { scope: 'project', file: join(place.cwd, '.gemini', 'settings.json') },
    { scope: 'user', file: join(place.home, '.gemini', 'settings.json') },
  ],
  configArgument: (scope, path, place) => projectRelative(scope, path, place),
  render: (existing, plans, options) =>
    mergeJsonServers(existing, plans, {
      ...options,
      path: ['mcpServers'],
      entry: (plan) => ({
        command: plan.command,
        args: plan.args,
        ...(plan.secrets.length ? { env: Object.fromEntries(plan.secrets.map((secret) => [secret.variable, `\${${secret.source}}`])) } : {}),
      }),
    }),
  read: (text, file) => readJsonServers('gemini', text, file, ['mcpServers']),
  launch: (entry, place) =>
    launchWith(entry, place, {
      expand: geminiExpander,
      inherit: 'all',
      missingFix: missingVariableFix,
    }),
};

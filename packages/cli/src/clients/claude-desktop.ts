// Claude Desktop, as documented at https://modelcontextprotocol.io/docs/develop/connect-local-servers (checked
// for this writer): `claude_desktop_config.json` in ~/Library/Application Support/Claude (macOS) or
// %APPDATA%\Claude (Windows), `{ "mcpServers": { name: { command, args, env } } }`. It expands no variables,
// and a server gets only a few inherited variables (PATH, HOME, USER...) plus its "env": secrets cannot be
// referenced, so init never writes them and says which variable to add by hand. Linux has no official build;
// the community builds read ~/.config/Claude.
import { join } from 'node:path';
import { launchWith, SDK_DEFAULT_ENV } from './expand.js';
import { mergeJsonServers, readJsonServers } from './json-config.js';
import { appDataDir } from './paths.js';
import type { McpClient } from './types.js';

const configFile = (place: Parameters<McpClient['file']>[1]) => join(appDataDir(place), 'Claude', 'claude_desktop_config.json');

const missingVariableFix = (name: string): string =>
  `Add "${name}" to the server's "env" in claude_desktop_config.json: Claude Desktop does not pass your shell's variables on.`;

export const claudeDesktop: McpClient = {
  id: 'claude-desktop',
  title: 'Claude Desktop',
  docs: 'https://modelcontextprotocol.io/docs/develop/connect-local-servers',
  secretsFrom: 'manual',
  missingFix: missingVariableFix,
  scopes: ['user'],
  defaultScope: 'user',
  file: (_scope, place) => configFile(place),
  configFiles: (place) => [{ scope: 'user', file: configFile(place) }],
  // Its working directory is not the project's: always an absolute path.
  configArgument: (_scope, path) => path,
  render(existing, plans, options) {
    const merged = mergeJsonServers(existing, plans, { ...options, path: ['mcpServers'], entry: (plan) => ({ command: plan.command, args: plan.args }) });
    const manual = merged.added.flatMap((plan) =>
      plan.secrets.map(
        (secret) =>
          `Claude Desktop cannot read ${secret.source} from your environment: add "env": { "${secret.variable}": "<${secret.description}>" } to "${plan.name}" in ${options.file} yourself.`,
      ),
    );
    return { text: merged.text, notes: [...merged.notes, ...manual] };
  },
  read: (text, file) => readJsonServers('claude-desktop', text, file, ['mcpServers']),
  launch: (entry, place) =>
    launchWith(entry, place, {
      inherit: SDK_DEFAULT_ENV,
      missingFix: missingVariableFix,
    }),
};

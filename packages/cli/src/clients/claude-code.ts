// Claude Code, as documented at https://code.claude.com/docs/en/mcp (checked for this writer):
// - project scope: `.mcp.json` at the project root, `{ "mcpServers": { name: { type: "stdio", command, args, env } } }`;
//   `${VAR}` and `${VAR:-default}` are expanded in command, args, env, url and headers, and a referenced
//   variable that is unset and has no default makes Claude Code refuse the file;
// - user scope lives in ~/.claude.json (top-level "mcpServers"; local scope under "projects"/<path>/"mcpServers"),
//   a state file Claude Code rewrites itself: it is changed through `claude mcp add-json --scope user <name> '<json>'`,
//   never edited here. Stdio servers inherit the environment Claude Code runs in.
import { basename, join } from 'node:path';
import { claudeCodeExpander, launchWith } from './expand.js';
import { mergeJsonServers, readJsonServers } from './json-config.js';
import { projectRelative } from './paths.js';
import type { McpClient, ServerPlan } from './types.js';

const entryOf = (plan: ServerPlan, env: Record<string, string>) => ({
  type: 'stdio',
  command: plan.command,
  args: plan.args,
  ...(Object.keys(env).length ? { env } : {}),
});

/** A shell word, quoted when it needs to be (POSIX single quotes). */
const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

/** The `claude mcp add-json --scope user` command of a plan: its secrets come from the environment Claude Code inherits. */
export function userScopeCommand(plan: ServerPlan): string[] {
  return ['claude', 'mcp', 'add-json', '--scope', 'user', plan.name, JSON.stringify(entryOf(plan, {}))];
}

const missingVariableFix = (name: string): string =>
  `Set ${name} in the shell that starts Claude Code (Claude Code refuses a .mcp.json that refers to an unset variable; \${${name}:-value} gives a default).`;

export const claudeCode: McpClient = {
  id: 'claude-code',
  title: 'Claude Code',
  docs: 'https://code.claude.com/docs/en/mcp',
  secretsFrom: 'environment',
  missingFix: missingVariableFix,
  scopes: ['project', 'user'],
  defaultScope: 'project',
  file: (scope, place) => (scope === 'project' ? join(place.cwd, '.mcp.json') : undefined),
  configFiles: (place) => [
    { scope: 'project', file: join(place.cwd, '.mcp.json') },
    { scope: 'user', file: join(place.home, '.claude.json') },
  ],
  configArgument: (scope, path, place) => projectRelative(scope, path, place),
  render(existing, plans, options) {
    return mergeJsonServers(existing, plans, {
      ...options,
      path: ['mcpServers'],
      entry: (plan) => entryOf(plan, Object.fromEntries(plan.secrets.map((secret) => [secret.variable, `\${${secret.source}}`]))),
    });
  },
  read(text, file, place) {
    if (basename(file) !== '.claude.json') return readJsonServers('claude-code', text, file, ['mcpServers']);
    return [
      ...readJsonServers('claude-code', text, file, ['projects', place.cwd, 'mcpServers']),
      ...readJsonServers('claude-code', text, file, ['mcpServers']),
    ];
  },
  launch: (entry, place) =>
    launchWith(entry, place, {
      expand: claudeCodeExpander,
      inherit: 'all',
      missingFix: missingVariableFix,
    }),
};

export { shellWord };

// What each client does to a configured entry before it starts the server: the variable syntax it expands
// and the environment the server inherits. Doctor applies the same rules, so it starts what the client starts.
import type { ClientLaunch, ConfigProblem, ConfiguredServer, Place } from './types.js';

export interface Expansion {
  value: string;
  /** Variables referenced without a value (and without a default). */
  missing: string[];
}

export type Expander = (value: string, place: Place) => Expansion;

/** Replaces each match of `pattern` by `lookup(match)`; an undefined lookup leaves the text and records the name. */
function substitute(value: string, pattern: RegExp, lookup: (groups: string[]) => { value?: string; name: string }): Expansion {
  const missing: string[] = [];
  const expanded = value.replace(pattern, (whole, ...groups: string[]) => {
    const found = lookup(groups);
    if (found.value === undefined) {
      missing.push(found.name);
      return whole;
    }
    return found.value;
  });
  return { value: expanded, missing };
}

/** Claude Code: `${VAR}` and `${VAR:-default}` in command, args and env. */
export const claudeCodeExpander: Expander = (value, { env }) =>
  substitute(value, /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, ([name, fallback]) => ({ name: name!, value: env[name!] ?? fallback }));

/** Gemini CLI: `$VAR` and `${VAR}` in env values (and, as it resolves whole settings, in command and args). */
export const geminiExpander: Expander = (value, { env }) =>
  substitute(value, /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, ([braced, bare]) => {
    const name = (braced || bare)!;
    return { name, value: env[name] };
  });

/** Cursor and VS Code: `${env:VAR}`, `${userHome}`, `${workspaceFolder}` (VS Code's `${input:id}` is handled by its client). */
export const editorExpander: Expander = (value, place) =>
  substitute(value, /\$\{(env:([A-Za-z_][A-Za-z0-9_]*)|userHome|workspaceFolder|workspaceFolderBasename|pathSeparator|\/)\}/g, ([whole, name]) => {
    if (name) return { name, value: place.env[name] };
    if (whole === 'userHome') return { name: whole, value: place.home };
    if (whole === 'workspaceFolder') return { name: whole, value: place.cwd };
    if (whole === 'workspaceFolderBasename') return { name: whole, value: place.cwd.split(/[\\/]/).pop() };
    return { name: whole!, value: place.platform === 'win32' ? '\\' : '/' };
  });

/** The variables an MCP SDK client passes on by default (Claude Desktop starts servers with these and its `env` only). */
export const SDK_DEFAULT_ENV = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'] as const;

const pick = (env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]!]])));

const definedOnly = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((pair): pair is [string, string] => pair[1] !== undefined));

export interface LaunchRules {
  expand?: Expander;
  /** 'all': the server inherits the client's environment; a list: only these (plus the entry's forwarded names). */
  inherit: 'all' | readonly string[];
  /** What to do about a variable referenced but not set, in this client's words. */
  missingFix(name: string): string;
}

/** The entry as the client would start it, with a problem for each reference to a variable that is not set. */
export function launchWith(entry: ConfiguredServer, place: Place, rules: LaunchRules): ClientLaunch {
  const problems: ConfigProblem[] = [];
  const expand = (value: string): string => {
    if (!rules.expand) return value;
    const result = rules.expand(value, place);
    for (const name of result.missing) {
      if (problems.some((problem) => problem.message.includes(`"${name}"`))) continue;
      problems.push({ message: `${entry.file}:${entry.line}: "${entry.name}" refers to "${name}", which is not set`, fix: rules.missingFix(name) });
    }
    return result.value;
  };
  const inherited = rules.inherit === 'all' ? definedOnly(place.env) : pick(place.env, [...rules.inherit, ...entry.forwarded]);
  const env = Object.fromEntries(Object.entries(entry.env).map(([name, value]) => [name, expand(value)]));
  return { command: expand(entry.command), args: entry.args.map(expand), env: { ...inherited, ...env }, problems };
}

import type { ServerEntry } from '../registry/index.js';

export type Scope = 'project' | 'user';
export const CLIENT_IDS = ['claude-code', 'claude-desktop', 'cursor', 'vscode', 'codex', 'gemini'] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

/** Where the CLI runs: everything a client's paths and expansions depend on. */
export interface Place {
  cwd: string;
  home: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

/** A secret a server reads (`variable`) and the user's environment variable that holds it (`source`). */
export interface SecretReference {
  variable: string;
  source: string;
  description: string;
  /** Whether the server also reads `source` itself (GITHUB_TOKEN): then forwarding it as is works. */
  serverReadsSource: boolean;
}

/** One server as init adds it to a client, before the client's own syntax. */
export interface ServerPlan {
  name: string;
  server: ServerEntry;
  command: string;
  args: string[];
  secrets: SecretReference[];
}

export interface Rendered {
  text: string;
  /** Lines for the user: a variable to set by hand, an entry kept as it was. */
  notes: string[];
}

/** A server entry read back from a client's configuration, as written (nothing expanded). */
export interface ConfiguredServer {
  client: ClientId;
  file: string;
  /** 1-based line of the entry's name in the file. */
  line: number;
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Variables the client forwards from its own environment (Codex's env_vars). */
  forwarded: string[];
}

/** Something wrong with a configured entry that doctor reports with its fix. */
export interface ConfigProblem {
  message: string;
  fix: string;
}

/** What the client would start: the environment after its own expansion and inheritance rules. */
export interface ClientLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  problems: ConfigProblem[];
}

export interface ConfigFile {
  scope: Scope;
  file: string;
}

export interface McpClient {
  id: ClientId;
  title: string;
  /** The documentation each writer follows (cited beside it too). */
  docs: string;
  /**
   * Where a server's secrets come from: the environment the client starts in (referenced by name), a prompt
   * the client shows (VS Code's password inputs), or the user's own hand (Claude Desktop expands nothing).
   */
  secretsFrom: 'environment' | 'prompt' | 'manual';
  scopes: readonly Scope[];
  defaultScope: Scope;
  /** Where init writes for a scope. Claude Code's user scope has no file: `claude mcp add-json` commands instead. */
  file(scope: Scope, place: Place): string | undefined;
  /** Every file doctor reads servers from, most specific first. */
  configFiles(place: Place): ConfigFile[];
  /** How a server started by this client names toolbridge.config.json at a scope (relative, ${workspaceFolder}, absolute). */
  configArgument(scope: Scope, path: string, place: Place): string;
  /** The file's text with the plans merged in; throws UnreadableConfig when the existing text cannot be parsed. */
  render(existing: string | undefined, plans: readonly ServerPlan[], options: { replace: boolean; file: string }): Rendered;
  /** The servers a file configures; throws UnreadableConfig when it cannot be parsed. */
  read(text: string, file: string, place: Place): ConfiguredServer[];
  /** What to do about a variable a server needs that is not set where this client starts it. */
  missingFix(name: string): string;
  /** The command, arguments and environment the client would start an entry with. */
  launch(entry: ConfiguredServer, place: Place): ClientLaunch;
}

/** A configuration file that cannot be parsed: init refuses to touch it, doctor says where it breaks. */
export class UnreadableConfig extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    problem: string,
  ) {
    super(`${file}:${line}:${column}: ${problem}`);
    this.name = 'UnreadableConfig';
  }
}

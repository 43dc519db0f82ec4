/** An environment variable a server reads. */
export interface ServerVariable {
  name: string;
  /** Never written into a client's configuration as a value: only referenced. */
  secret: boolean;
  /** What it holds, for prompts, printed instructions and doctor's fixes. */
  description: string;
  /** Other variables the server reads in its place (GITHUB_TOKEN for GITHUB_PERSONAL_ACCESS_TOKEN). */
  alternatives?: readonly string[];
  /** Variables that often hold the same secret but the server does not read (GH_TOKEN): init refers to them. */
  sources?: readonly string[];
  /** Where to get one, said in the fix when it is missing or refused. */
  howToGet?: string;
}

/** What a structured tool result says about who the credential belongs to. */
export interface IdentityReading {
  /** One line for the table, e.g. "octocat (GitHub)". */
  identity: string;
  /** Things worth fixing that do not stop the server (a superuser role, a token close to expiry). */
  warnings?: Array<{ message: string; fix: string }>;
}

/** A tool call made through the server, exactly as a model would make it. */
export interface ToolCall {
  tool: string;
  args?: Record<string, unknown>;
}

/** What the identity check can see: the server's tools and instructions, and a way to call its tools. */
export interface IdentityProbe {
  instructions: string;
  call(call: ToolCall): Promise<{ structured: Record<string, unknown> | undefined; text: string; isError: boolean }>;
}

/** The cheapest read that proves the credential works, through the server's own tools. */
export interface IdentityCheck {
  /** The tool it needs (it must be offered for the check to run), for the fix when it is filtered out. */
  tool: string;
  /** Runs the check; throws a ToolFailure (from probe.call) when the server refuses. */
  read(probe: IdentityProbe): Promise<IdentityReading>;
}

/** Facts about the environment init reads to pick defaults (a token variable, a git remote). */
export interface Surroundings {
  env: NodeJS.ProcessEnv;
  /** The GitHub repository of the working directory's git remote, as owner/name. */
  githubRepository?: string;
}

export interface ServerEntry {
  /** The name in client configurations and in toolbridge.config.json's sections. */
  id: string;
  title: string;
  package: string;
  bin: string;
  /** One line for prompts and `toolbridge list`. */
  summary: string;
  variables: readonly ServerVariable[];
  /** At least one of these variables (or one of its alternatives) must be set. */
  requires: readonly string[];
  toolsets: Readonly<Record<string, { description: string; default?: boolean }>>;
  identity: IdentityCheck;
  /** Whether the environment suggests the user wants this server (a token is set, a DATABASE_URL...). */
  suggested(surroundings: Surroundings): boolean;
  /** Settings for toolbridge.config.json's section of this server, learned from the surroundings. */
  settings?(surroundings: Surroundings): Record<string, unknown> | undefined;
}

import type { Io } from '../io.js';

export interface CommandModule {
  run(args: string[], io: Io): Promise<number>;
}

export interface Command {
  summary: string;
  /** Each command is its own module, loaded only when it runs. */
  load(): Promise<CommandModule>;
}

/** The commands, in the order `toolbridge --help` lists them. A new command is one module and one line here. */
export const COMMANDS: Record<string, Command> = {
  init: { summary: "register toolbridge servers in an MCP client's configuration", load: () => import('./init.js') },
  doctor: { summary: 'start each configured server as its client would, and check its credential', load: () => import('./doctor.js') },
  login: { summary: 'keep a credential for a server (a pasted token, or OAuth), checked first', load: () => import('./login.js') },
  logout: { summary: 'forget the credential kept for a server', load: () => import('./logout.js') },
  auth: { summary: 'auth status: which credentials are kept, where, whose, until when', load: () => import('./auth.js') },
  list: { summary: "the servers, their toolsets and what their tool lists cost the model's context", load: () => import('./list.js') },
};

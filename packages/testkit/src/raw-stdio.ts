import { spawn } from 'node:child_process';

/** A server spawned with bare pipes, for what the SDK client cannot send: malformed lines, requests out of order. */
export interface RawSession {
  /** Writes one line (a newline is added). */
  send(line: string): void;
  /** Writes a JSON-RPC message as one line. */
  sendMessage(message: Record<string, unknown>): void;
  /** The next message the server writes with this id (or, for `undefined`, without an id), waiting up to `timeoutMs`. */
  answer(id: string | number | undefined, timeoutMs?: number): Promise<RawAnswer | undefined>;
  /** Sends initialize and initialized, as a client starts a session. */
  initialize(): Promise<void>;
  stderr(): string;
  /** Closes stdin and waits for the process to exit on its own (up to `timeoutMs`, then kills it). */
  end(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; exitedByItself: boolean }>;
}

export interface RawAnswer {
  id?: string | number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

export function spawnRaw(command: string, args: string[], env: Record<string, string> = {}): RawSession {
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const answers: RawAnswer[] = [];
  const waiters = new Set<() => void>();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = stdout.split('\n');
    stdout = lines.pop()!;
    for (const line of lines) if (line.trim()) answers.push(JSON.parse(line) as RawAnswer);
    for (const wake of waiters) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const send = (line: string) => child.stdin.write(`${line}\n`);
  const answer = async (id: string | number | undefined, timeoutMs = 5_000): Promise<RawAnswer | undefined> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = answers.findIndex((candidate) => candidate.id === id && ('result' in candidate || 'error' in candidate));
      if (index !== -1) return answers.splice(index, 1)[0];
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        waiters.add(wake);
      });
    }
  };
  return {
    send,
    sendMessage: (message) => send(JSON.stringify({ jsonrpc: '2.0', ...message })),
    answer,
    initialize: async () => {
      send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 'init',
          method: 'initialize',
          params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'toolbridge-testkit-raw', version: '0.0.0' } },
        }),
      );
      const initialized = await answer('init', 20_000);
      if (!initialized?.result) throw new Error(`initialize failed: ${JSON.stringify(initialized)}\nstderr:\n${stderr}`);
      send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    },
    stderr: () => stderr,
    end: async (timeoutMs = 5_000) => {
      child.stdin.end();
      let timer: NodeJS.Timeout | undefined;
      const killed = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([exited, killed]);
      clearTimeout(timer);
      if (outcome !== 'timeout') return { ...outcome, exitedByItself: true };
      child.kill('SIGKILL');
      return { ...(await exited), exitedByItself: false };
    },
  };
}

/** Each flag of a --help text and the environment variable its row names (undefined for none); --help and --version left out. */
export function flagEnvironment(help: string): Record<string, string | undefined> {
  const rows = help.split('\n').flatMap((line) => {
    const flag = /^ {2}--([a-z-]+)/.exec(line)?.[1];
    return flag && flag !== 'help' && flag !== 'version' ? [[flag, / \[env ([A-Z_]+)\]$/.exec(line)?.[1]] as const] : [];
  });
  return Object.fromEntries(rows);
}

import { spawnServer, tail } from './rpc.mjs';

/**
 * Launches a target and takes it through initialize and tools/list, timing both from spawn.
 * Resolves with the live session (the caller closes it) or throws with the server's stderr.
 */
export async function openSession(target, { extraArgs = [], extraEnv = {}, timeoutMs = 30_000 } = {}) {
  const session = spawnServer({ command: target.command, args: [...target.args, ...extraArgs], env: { ...target.env, ...extraEnv } });
  try {
    const init = await session.initialize(timeoutMs);
    const list = await session.request('tools/list', {}, timeoutMs);
    const memory = session.memory();
    return {
      session,
      initMs: init.at - session.startedAt,
      listMs: list.at - session.startedAt,
      tools: list.result.tools ?? [],
      listBytes: Buffer.byteLength(JSON.stringify(list.result.tools ?? [])),
      hwm: memory.hwm,
      serverInfo: init.result.serverInfo,
    };
  } catch (error) {
    await session.close().catch(() => undefined);
    throw new Error(
      `${target.id}: ${firstLine(error.message)}${session.stderr() && !error.message.includes('stderr') ? `; stderr: ${tail(session.stderr(), 200)}` : ''}`,
    );
  }
}

/** Runs fn with an open session and always closes it. */
export async function withSession(target, options, fn) {
  const opened = await openSession(target, options);
  try {
    return await fn(opened);
  } finally {
    await opened.session.close();
  }
}

export const firstLine = (text) => String(text).split('\n')[0].slice(0, 300);

/** Builds arguments for a tool from its JSON Schema and the values the bench knows by name. */
export function argsFor(tool, known) {
  const properties = tool.inputSchema?.properties ?? {};
  const args = {};
  for (const [name, value] of Object.entries(known)) {
    if (name in properties) args[name] = value;
  }
  return args;
}

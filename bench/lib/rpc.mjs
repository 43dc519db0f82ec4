// A bare JSON-RPC-over-stdio client: the bench times the server, not a client library, so it speaks
// newline-delimited JSON itself and keeps per-message timestamps.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const PROTOCOL_VERSION = '2025-06-18';

/**
 * Spawns `command args` and returns a client. `startedAt` is taken just before spawn so that
 * start-up figures include process creation, as a user's MCP client experiences it.
 */
export function spawnServer({ command = process.execPath, args = [], env = {}, cwd }) {
  const startedAt = performance.now();
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let nextId = 1;
  let buffered = '';
  let stderr = '';
  let stdoutNoise = 0;
  const pending = new Map();
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      for (const { reject } of pending.values()) reject(new Error(`server exited (${signal ?? code}) before answering; stderr: ${tail(stderr)}`));
      pending.clear();
      resolve(exited);
    });
  });
  child.on('error', (error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  });
  child.stderr.on('data', (chunk) => {
    if (stderr.length < 64_000) stderr += chunk.toString('utf8');
  });
  child.stdout.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (!line) continue;
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        stdoutNoise += 1;
        continue;
      }
      const waiter = message.id !== undefined ? pending.get(message.id) : undefined;
      if (!waiter) continue; // notifications and server->client requests are not needed here
      pending.delete(message.id);
      const at = performance.now();
      if (message.error) waiter.reject(Object.assign(new Error(`${message.error.message} (${message.error.code})`), { rpc: message.error, at }));
      else waiter.resolve({ result: message.result, at, bytes: Buffer.byteLength(line) });
    }
  });

  const send = (payload) => child.stdin.write(`${JSON.stringify(payload)}\n`);

  /** Sends a request; resolves with { result, at, bytes } (at = performance.now() on arrival). */
  function request(method, params = {}, timeoutMs = 30_000) {
    if (exited) return Promise.reject(new Error(`server already exited (${exited.signal ?? exited.code}); stderr: ${tail(stderr)}`));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method} not answered within ${timeoutMs} ms; stderr: ${tail(stderr)}`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      send({ jsonrpc: '2.0', id, method, params });
    });
  }

  async function initialize(timeoutMs) {
    const answer = await request(
      'initialize',
      { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'toolbridge-bench', version: '0.0.0' } },
      timeoutMs,
    );
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return answer;
  }

  async function callTool(name, args, timeoutMs) {
    const { result, at, bytes } = await request('tools/call', { name, arguments: args }, timeoutMs);
    const text = (result.content ?? [])
      .filter((item) => item.type === 'text')
      .map((item) => item.text)
      .join('\n');
    return { result, text, isError: Boolean(result.isError), at, bytes };
  }

  async function close() {
    if (exited) return exited;
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGTERM'), 1_000);
    const hard = setTimeout(() => child.kill('SIGKILL'), 3_000);
    const result = await exitPromise;
    clearTimeout(timer);
    clearTimeout(hard);
    return result;
  }

  return {
    pid: child.pid,
    startedAt,
    request,
    initialize,
    callTool,
    close,
    memory: () => readMemory(child.pid),
    stderr: () => stderr,
    stdoutNoise: () => stdoutNoise,
    exited: () => exited,
  };
}

/** VmHWM (peak resident set) and VmRSS of a live process, in bytes, from /proc. */
export function readMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    return { hwm: field('VmHWM'), rss: field('VmRSS') };
  } catch {
    return { hwm: undefined, rss: undefined };
  }
}

export function tail(text, chars = 400) {
  const trimmed = text.trim();
  return trimmed.length > chars ? `…${trimmed.slice(-chars)}` : trimmed || '(empty)';
}

// Installs a packed tarball the way `npx -y` or `npm install -g` would (npm, not the workspace's pnpm), and
// talks to its bin as an MCP client does: initialize, then tools/list, over stdio.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { sizeOf } from './tarball.mjs';

const run = promisify(execFile);

/** PATH with the running node first: the bins' `#!/usr/bin/env node` then runs on the Node under test. */
export function pathWithThisNode() {
  return [dirname(process.execPath), process.env.PATH].join(delimiter);
}

/**
 * `npm install <tarball>` into a new directory. Install scripts are skipped: the only one in any tree is
 * better-sqlite3's native build (optional, and unused where node:sqlite exists), which would otherwise
 * compile for minutes; its size is reported without the ~2 MB binding. Resolves to the install directory,
 * the size of its node_modules and npm's warnings.
 */
export async function installTarball(tarball, { omitOptional = false } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'toolbridge-install-'));
  await writeFile(join(dir, 'package.json'), '{ "private": true }\n');
  const args = ['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=warn'];
  if (omitOptional) args.push('--omit=optional');
  const env = { ...process.env, PATH: pathWithThisNode(), npm_config_update_notifier: 'false' };
  const { stderr } = await run('npm', args, { cwd: dir, env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
  const warnings = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^npm warn/i.test(line));
  return { dir, bytes: sizeOf(join(dir, 'node_modules')), warnings };
}

/** Runs a bin to completion (the cli's `--help`); resolves to its stdout. */
export async function runBin(binPath, args, env = {}) {
  const { stdout } = await run(binPath, args, { env: { PATH: pathWithThisNode(), HOME: tmpdir(), ...env }, timeout: 30_000 });
  return stdout;
}

/** Requires CommonJS files in one Node process (the one under test), from where they are installed. */
export async function requireAll(files) {
  await run(process.execPath, ['-e', 'for (const file of process.argv.slice(1)) require(file)', ...files], {
    env: { PATH: pathWithThisNode() },
    timeout: 30_000,
  });
}

/**
 * Starts a server bin with a bare environment (no credentials: servers start without them), sends
 * initialize and tools/list as newline-delimited JSON-RPC, and resolves to the tool names.
 */
export function listTools(binPath, { args = [], env = {}, timeoutMs = 20_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(binPath, args, { env: { PATH: pathWithThisNode(), HOME: tmpdir(), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const finish = (error, value) => {
      clearTimeout(timer);
      child.kill();
      if (error) reject(new Error(`${error.message}\nstderr:\n${stderr.slice(-2000)}`));
      else resolve(value);
    };
    const timer = setTimeout(() => finish(new Error(`${binPath} did not answer tools/list within ${timeoutMs} ms`)), timeoutMs);
    child.on('error', (error) => finish(error));
    child.on('exit', (code, signal) => finish(new Error(`${binPath} exited (code ${code}, signal ${signal}) before answering tools/list`)));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      for (;;) {
        const end = stdout.indexOf('\n');
        if (end < 0) break;
        const message = JSON.parse(stdout.slice(0, end));
        stdout = stdout.slice(end + 1);
        if (message.id === 1) {
          if (message.error) return finish(new Error(`initialize failed: ${message.error.message}`));
          child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
          child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' })}\n`);
        } else if (message.id === 2) {
          if (message.error) return finish(new Error(`tools/list failed: ${message.error.message}`));
          return finish(
            undefined,
            message.result.tools.map((tool) => tool.name),
          );
        }
      }
    });
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'toolbridge-pack-check', version: '0.0.0' } },
    };
    child.stdin.write(`${JSON.stringify(initialize)}\n`);
  });
}

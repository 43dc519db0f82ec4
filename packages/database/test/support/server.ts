import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConnectedServer, type ConnectOptions, connectServer } from '@toolbridge/testkit';
import { parseDsn } from '../../src/config/dsn.js';
import type { SourceConfig } from '../../src/config/settings.js';

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** Spawns the built bin with this config file, through the real MCP client over stdio. */
export async function startServer(config: object, options: ConnectOptions = {}): Promise<ConnectedServer & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tb-db-server-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  const server = await connectServer(packageDir, {
    ...options,
    args: ['--config', file, ...(options.args ?? [])],
    env: { TOOLBRIDGE_CACHE_DIR: dir, ...options.env },
  });
  const close = server.close;
  return Object.assign(server, {
    dir,
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** A source for calling a driver directly (the guard bypassed). */
export function sourceConfig(dsn: string, overrides: Partial<SourceConfig> = {}): SourceConfig {
  return {
    id: 'direct',
    dsn: parseDsn(dsn, 'test'),
    readOnly: true,
    maxRows: 1_000,
    queryTimeout: 5_000,
    poolSize: 1,
    policy: {},
    maxCellChars: 1_000,
    maxResultBytes: 1_000_000,
    demo: false,
    ...overrides,
  };
}

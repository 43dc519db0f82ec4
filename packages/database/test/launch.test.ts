import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { binPath, connectServer, spawnRaw } from '@toolbridge/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { packageDir } from './support/server.js';
import { POSTGRES_URL } from './support/services.js';

const run = promisify(execFile);
const cache = mkdtempSync(join(tmpdir(), 'tb-db-launch-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('launching the bin', () => {
  it('--demo builds the demo database in the cache dir on first run and hides admin_logs / api_keys', async () => {
    const server = await connectServer(packageDir, { args: ['--demo'], env: { TOOLBRIDGE_CACHE_DIR: cache } });
    try {
      expect(readdirSync(cache).filter((name) => /^demo-\w+\.db$/.test(name))).toHaveLength(1);
      const tables = await server.call('db_list_tables', {});
      expect(tables.structured!.tables.map((table: { name: string }) => table.name)).toEqual(['orders', 'products', 'users']);
      const join = await server.call('db_query', {
        sql: 'SELECT p.category, count(*) AS orders FROM orders o JOIN products p ON p.id = o.product_id GROUP BY 1 ORDER BY 2 DESC',
        max_rows: 3,
      });
      expect(join.structured!.row_count).toBe(3);
      const secret = await server.call('db_query', { sql: 'SELECT key_hash FROM api_keys' });
      expect(secret.text).toContain('refused by database.deniedTables');
      // api_keys points at users too, but a denied table is never named.
      const users = await server.call('db_describe_table', { table: 'users' });
      expect(users.structured!.referenced_by.map((key: { table: string }) => key.table)).toEqual(['main.orders']);
      expect(users.text).not.toContain('api_keys');
    } finally {
      await server.close();
    }
  });

  it('starts with only DATABASE_URL (npx-style) and never shows the password', async () => {
    const url = new URL(POSTGRES_URL);
    url.password = 'Hunter2-very-secret';
    const server = await connectServer(packageDir, { env: { DATABASE_URL: url.toString(), TOOLBRIDGE_CACHE_DIR: cache } });
    try {
      const ok = await server.call('db_query', { sql: "SELECT current_setting('application_name')" });
      expect(ok.structured?.rows).toEqual([['toolbridge-database']]);
      const failed = await server.call('db_query', { sql: 'SELECT * FROM no_such_table_anywhere' });
      expect(failed.isError).toBe(true);
      expect(failed.text + server.stderr()).not.toContain('Hunter2');
    } finally {
      await server.close();
    }
    const unreachable = new URL(url);
    unreachable.port = '1';
    const down = await connectServer(packageDir, { env: { DATABASE_URL: unreachable.toString() } });
    try {
      const failed = await down.call('db_list_tables', {});
      expect(failed.isError).toBe(true);
      expect(failed.text).toMatch(/cannot connect to postgres:\/\/127\.0\.0\.1:1\/\w+: .*ECONNREFUSED/);
      expect(failed.text + down.stderr()).not.toContain('Hunter2');
      expect(down.stderr()).toContain('could not check the role');
    } finally {
      await down.close();
    }
  });

  it('answers initialize and tools/list before any connection to the database; the role check starts after', async () => {
    // A database that accepts connections and never answers: what start-up must not wait for.
    const connections: Array<{ at: number; socket: Socket }> = [];
    const silent = createServer((socket) => connections.push({ at: performance.now(), socket }));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as { port: number };
    const session = spawnRaw(process.execPath, [binPath(packageDir)], {
      DATABASE_URL: `postgres://reader@127.0.0.1:${port}/app`,
      TOOLBRIDGE_CACHE_DIR: cache,
    });
    try {
      await session.initialize();
      expect(connections).toHaveLength(0);
      session.sendMessage({ id: 'list', method: 'tools/list' });
      const listed = await session.answer('list', 10_000);
      const answeredAt = performance.now();
      expect((listed?.result?.tools as unknown[] | undefined)?.length).toBeGreaterThan(0);
      expect(connections.filter((connection) => connection.at <= answeredAt)).toHaveLength(0);
      // The idle work then inspects the role, without a statement asking for it.
      await expect.poll(() => connections.length, { timeout: 10_000 }).toBeGreaterThan(0);
    } finally {
      for (const { socket } of connections) socket.destroy();
      silent.close();
      await session.end();
    }
  });

  it('exits 2 with the key and the fix when nothing is configured or a setting is wrong', async () => {
    const none = await run(process.execPath, [binPath(packageDir)], { env: { PATH: process.env.PATH ?? '' } }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(none).toMatchObject({ code: 2 });
    expect((none as { stderr: string }).stderr).toMatch(/no database configured.*--demo/s);
    const bad = await run(process.execPath, [binPath(packageDir), '--dsn', 'oracle://x/y'], { env: { PATH: process.env.PATH ?? '' } }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect((bad as { stderr: string }).stderr).toContain('unsupported scheme');
  });

  it('the package ships what it needs at runtime', () => {
    for (const file of ['sql/demo.sql', 'runtime/sqlite-child.cjs', 'dist/bin.js']) expect(existsSync(join(packageDir, file))).toBe(true);
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConnectedServer, connectServer } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Databases, openDatabases } from './support/databases.js';
import { packageDir } from './support/server.js';

// Layer 7 measured on the real bin: a million-row result must not be pulled into memory.
const LIMIT_MB = 200;
let db: Databases;
const configDir = mkdtempSync(join(tmpdir(), 'tb-memory-'));
const config = join(configDir, 'config.json');
writeFileSync(config, JSON.stringify({ globalSettings: { maxOutputChars: 1_000_000 } }));

beforeAll(async () => {
  db = await openDatabases();
});
afterAll(async () => {
  await db?.drop();
  rmSync(configDir, { recursive: true, force: true });
});

/** The server process, found by a marker in its environment (Linux /proc). */
function pidWithMarker(marker: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(`TB_MEMORY_MARKER=${marker}`)) return Number(entry);
    } catch {
      // gone or not ours
    }
  }
  throw new Error('server process not found');
}

const memoryKb = (pid: number, field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

async function measure(dsn: string, warmUp: string, sql: string): Promise<{ growthMb: number; result: Awaited<ReturnType<ConnectedServer['call']>> }> {
  const marker = randomUUID();
  // A large output budget, so all 200 wide rows are returned and held.
  const server = await connectServer(packageDir, { env: { DATABASE_URL: dsn, TB_MEMORY_MARKER: marker, TOOLBRIDGE_CONFIG: config } });
  try {
    await server.call('db_query', { sql: warmUp });
    const pid = pidWithMarker(marker);
    const before = memoryKb(pid, 'VmRSS');
    const result = await server.call('db_query', { sql, max_rows: 200 });
    const peak = memoryKb(pid, 'VmHWM');
    return { growthMb: (peak - before) / 1024, result };
  } finally {
    await server.close();
  }
}

describe('a 1M-row result stays within a memory bound', () => {
  it('PostgreSQL generate_series(1, 1000000) with wide rows', async () => {
    const { growthMb, result } = await measure(db.pg.dsn, 'SELECT 1', "SELECT g, repeat('x', 1000) AS filler FROM generate_series(1, 1000000) g");
    expect(result.structured).toMatchObject({ row_count: 200, truncated: true });
    console.info(`PostgreSQL 1M rows: peak RSS growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(LIMIT_MB);
  });

  it('MariaDB seq_1_to_1000000 with wide rows', async () => {
    const { growthMb, result } = await measure(db.my.dsn, 'SELECT 1', "SELECT seq, REPEAT('x', 1000) AS filler FROM seq_1_to_1000000");
    expect(result.structured).toMatchObject({ row_count: 200, truncated: true });
    console.info(`MariaDB 1M rows: peak RSS growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(LIMIT_MB);
  });
});

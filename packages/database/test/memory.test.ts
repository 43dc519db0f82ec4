import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectServer, type ConnectedServer } from '@toolbridge/testkit';
import { mysqlFixture, pgFixture, type MysqlFixture, type PgFixture } from './support/services.js';
import { packageDir } from './support/server.js';

// Layer 7 measured on the real bin: a million-row result must not be pulled into memory.
const LIMIT_MB = 200;
let pgdb: PgFixture;
let mydb: MysqlFixture;

beforeAll(async () => {
  [pgdb, mydb] = await Promise.all([pgFixture(), mysqlFixture()]);
});
afterAll(async () => {
  await Promise.all([pgdb?.drop(), mydb?.drop()]);
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
  const server = await connectServer(packageDir, { env: { DATABASE_URL: dsn, TB_MEMORY_MARKER: marker } });
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
    const { growthMb, result } = await measure(pgdb.dsn, 'SELECT 1', "SELECT g, repeat('x', 1000) AS filler FROM generate_series(1, 1000000) g");
    expect(result.structured).toMatchObject({ row_count: 200, truncated: true });
    console.info(`PostgreSQL 1M rows: peak RSS growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(LIMIT_MB);
  });

  it('MariaDB seq_1_to_1000000 with wide rows', async () => {
    const { growthMb, result } = await measure(mydb.dsn, 'SELECT 1', "SELECT seq, REPEAT('x', 1000) AS filler FROM seq_1_to_1000000");
    expect(result.structured).toMatchObject({ row_count: 200, truncated: true });
    console.info(`MariaDB 1M rows: peak RSS growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(LIMIT_MB);
  });
});

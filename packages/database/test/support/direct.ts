import { expect } from 'vitest';
import type { Driver, ReadRequest } from '../../src/engine/types.js';

// For calling a driver directly: layers 2-5 and 7 on their own, the SQL guard never sees these.
export const read = (driver: Driver, sql: string, extra: Partial<ReadRequest> = {}) =>
  driver.read({ sql, params: [], maxRows: 100, timeoutMs: 5_000, ...extra });

export const firstCell = async (driver: Driver, sql: string) => (await read(driver, sql)).rows[0]?.[0];

/** Polls a check for up to 2 s: the server clears a cancelled statement moments after answering. */
export async function eventually(check: () => Promise<number>, expected: number): Promise<void> {
  let value = await check();
  for (let attempt = 0; attempt < 20 && value !== expected; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await check();
  }
  expect(value).toBe(expected);
}

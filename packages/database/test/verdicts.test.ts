import { describe, expect, it } from 'vitest';
import type { TablePolicy } from '../src/guard/index.js';
import { checkRead } from '../src/statements.js';

// The guard's verdicts are kept by statement text, per table policy and dialect: never shared between them.
describe('kept guard verdicts', () => {
  it('the same text is judged under each policy and dialect on its own', async () => {
    const open: TablePolicy = {};
    const denying: TablePolicy = { deniedTables: ['secrets'] };
    const sql = 'SELECT * FROM secrets';
    const accepted = await checkRead(sql, 'postgres', open);
    expect(accepted.tables).toEqual(['secrets']);
    await expect(checkRead(sql, 'postgres', denying)).rejects.toThrow(/deniedTables/);
    // Kept: the second call gets the first verdict, not a second parse.
    expect(await checkRead(sql, 'postgres', open)).toBe(accepted);
    expect(await checkRead(sql, 'mysql', open)).not.toBe(accepted);
  });

  it('a refusal is not kept, and is given again', async () => {
    const policy: TablePolicy = {};
    const sql = 'DELETE FROM customers';
    const first = await checkRead(sql, 'postgres', policy).catch((error: Error) => error);
    const second = await checkRead(sql, 'postgres', policy).catch((error: Error) => error);
    expect(first).toBeInstanceOf(Error);
    expect(second).toBeInstanceOf(Error);
    expect(second).not.toBe(first);
    expect((second as Error).message).toBe((first as Error).message);
  });
});

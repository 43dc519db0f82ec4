import { describe, it } from 'vitest';
import { checkReadOnlySql, type Dialect, deniedFunctionList } from '../../src/guard/index.js';
import { expectRefusal } from './refusal.js';

/** Every deny-list entry, called in every position a statement has room for. */
const positions: Record<Dialect, ((call: string) => string)[]> = {
  postgres: [
    (call) => `SELECT ${call}`,
    (call) => `SELECT 1 FROM users WHERE ${call} IS NOT NULL`,
    (call) => `SELECT id FROM users ORDER BY ${call}`,
    (call) => `SELECT * FROM ${call} AS f`,
    (call) => `SELECT * FROM users u, LATERAL (SELECT ${call}) l`,
    (call) => `WITH c AS (SELECT ${call}) SELECT * FROM c`,
    (call) => `SELECT count(*) FILTER (WHERE ${call} IS NULL) FROM users`,
  ],
  mysql: [
    (call) => `SELECT ${call}`,
    (call) => `SELECT 1 FROM users WHERE ${call} IS NOT NULL`,
    (call) => `SELECT id FROM users ORDER BY ${call}`,
    (call) => `SELECT * FROM (SELECT ${call} AS x) s`,
    (call) => `WITH c AS (SELECT ${call} AS x) SELECT * FROM c`,
    (call) => `SELECT id FROM users GROUP BY id HAVING ${call} IS NULL`,
  ],
  sqlite: [
    (call) => `SELECT ${call}`,
    (call) => `SELECT 1 FROM users WHERE ${call} IS NOT NULL`,
    (call) => `SELECT id FROM users ORDER BY ${call}`,
    (call) => `SELECT * FROM (SELECT ${call} AS x) s`,
    (call) => `WITH c AS (SELECT ${call} AS x) SELECT * FROM c`,
  ],
};

for (const dialect of ['postgres', 'mysql', 'sqlite'] as const) {
  const calls = deniedFunctionList(dialect).map((entry) => `${entry.replace('*', 'x')}(1)`);
  const cases = calls.flatMap((call) => positions[dialect].map((position) => position(call)));
  describe(`${dialect}: every denied function is refused wherever it is called`, () => {
    it.each(cases)('%s', async (sql) => {
      await expectRefusal(checkReadOnlySql(sql, dialect, {}), 'read-only.function');
    });
  });
}

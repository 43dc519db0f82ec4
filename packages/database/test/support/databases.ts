import { type MysqlFixture, mysqlFixture, type PgFixture, pgFixture, type SqliteFixture, sqliteFixture } from './services.js';

/** One fresh fixture database per engine, for a test file. */
export interface Databases {
  pg: PgFixture;
  my: MysqlFixture;
  lite: SqliteFixture;
  drop(): Promise<void>;
}

export async function openDatabases(): Promise<Databases> {
  const [pgResult, myResult] = await Promise.allSettled([pgFixture(), mysqlFixture()]);
  if (pgResult.status === 'rejected' || myResult.status === 'rejected') {
    // Never leave a half-built run behind: drop whichever fixture did get created.
    await Promise.all([pgResult, myResult].map((result) => (result.status === 'fulfilled' ? result.value.drop() : undefined)));
    throw pgResult.status === 'rejected' ? pgResult.reason : (myResult as PromiseRejectedResult).reason;
  }
  const [pg, my] = [pgResult.value, myResult.value];
  const lite = sqliteFixture();
  return {
    pg,
    my,
    lite,
    drop: async () => {
      await Promise.all([pg.drop(), my.drop()]);
      lite.drop();
    },
  };
}

/** The three databases as the sources "pg", "my" and "lite", each with the same extra settings. */
export const threeSources = (databases: Databases, extra: object = {}) => [
  { id: 'pg', dsn: databases.pg.dsn, ...extra },
  { id: 'my', dsn: databases.my.dsn, ...extra },
  { id: 'lite', dsn: databases.lite.dsn, ...extra },
];

/** Config for the refusal suites: one connection per source (so "the next call" reuses it), 1.5 s limit, secrets denied. */
export const strictConfig = (databases: Databases) => ({
  database: { queryTimeout: 1_500, sources: threeSources(databases, { poolSize: 1 }), deniedTables: ['secrets'] },
});

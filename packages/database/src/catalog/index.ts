import type { Dialect } from '../guard/index.js';
import { mysqlCatalog } from './mysql.js';
import { postgresCatalog } from './postgres.js';
import { sqliteCatalog } from './sqlite.js';
import type { Catalog, QueryFn } from './types.js';

/** The dialect's raw catalog lookups over one session's queries (the table policy is applied in visible.ts). */
export function catalogFor(dialect: Dialect, query: QueryFn): Catalog {
  switch (dialect) {
    case 'postgres':
      return postgresCatalog(query);
    case 'mysql':
      return mysqlCatalog(query);
    case 'sqlite':
      return sqliteCatalog(query);
  }
}

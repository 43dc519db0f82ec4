import type { SourceConfig } from '../config/settings.js';
import { runCatalogQuery } from '../run.js';
import { mysqlCatalog } from './mysql.js';
import { postgresCatalog } from './postgres.js';
import { sqliteCatalog } from './sqlite.js';
import type { Catalog, QueryFn } from './types.js';

export function catalogFor(source: SourceConfig): Catalog {
  const query: QueryFn = (sql, params) => runCatalogQuery(source, sql, params);
  switch (source.dsn.dialect) {
    case 'postgres':
      return postgresCatalog(query);
    case 'mysql':
      return mysqlCatalog(query);
    case 'sqlite':
      return sqliteCatalog(query);
  }
}

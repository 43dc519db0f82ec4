import { type Catalog, count, list, type QueryFn, type Row, text } from './types.js';

const SYSTEM = "('mysql', 'information_schema', 'performance_schema', 'sys')";

export function mysqlCatalog(query: QueryFn): Catalog {
  /** The schema asked for, or the connection's database. */
  const schemaOrCurrent = 'COALESCE(?, DATABASE())';
  return {
    schemas: async () =>
      (
        await query(`SELECT s.SCHEMA_NAME AS name, (SELECT COUNT(*) FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = s.SCHEMA_NAME) AS tables
        FROM information_schema.SCHEMATA s WHERE s.SCHEMA_NAME NOT IN ${SYSTEM} ORDER BY s.SCHEMA_NAME`)
      ).map((row) => ({ name: String(row.name), tables: count(row.tables) ?? 0 })),
    tables: async (filter) =>
      (
        await query(
          `SELECT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS name, CASE TABLE_TYPE WHEN 'VIEW' THEN 'view' ELSE 'table' END AS type,
           TABLE_ROWS AS rows_estimate, TABLE_COMMENT AS comment
         FROM information_schema.TABLES
         WHERE TABLE_SCHEMA NOT IN ${SYSTEM} AND (TABLE_SCHEMA = ${schemaOrCurrent} OR (? IS NULL AND DATABASE() IS NULL)) AND (? IS NULL OR TABLE_NAME LIKE ?)
         ORDER BY 1, 2 LIMIT 2000`,
          [filter.schema ?? null, filter.schema ?? null, filter.pattern ?? null, filter.pattern ?? null],
        )
      ).map(summary),
    describe: async (schema, table) => {
      const [found] = await query(
        `SELECT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS name, CASE TABLE_TYPE WHEN 'VIEW' THEN 'view' ELSE 'table' END AS type,
           TABLE_ROWS AS rows_estimate, TABLE_COMMENT AS comment
         FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${schemaOrCurrent} AND TABLE_NAME = ?`,
        [schema ?? null, table],
      );
      if (!found) return undefined;
      const where = [String(found.schema), String(found.name)];
      const columns = await query(
        `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE = 'YES' AS nullable, COLUMN_DEFAULT AS \`default\`, COLUMN_COMMENT AS comment
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
        where,
      );
      const indexes = await query(
        `SELECT INDEX_NAME AS name, MIN(NON_UNIQUE) = 0 AS \`unique\`, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS columns
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? GROUP BY INDEX_NAME ORDER BY INDEX_NAME`,
        where,
      );
      const keys = await query(
        `SELECT CONSTRAINT_NAME AS name, CONCAT(TABLE_SCHEMA, '.', TABLE_NAME) AS source_table,
           CONCAT(REFERENCED_TABLE_SCHEMA, '.', REFERENCED_TABLE_NAME) AS target_table,
           GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION) AS columns, GROUP_CONCAT(REFERENCED_COLUMN_NAME ORDER BY ORDINAL_POSITION) AS target_columns
         FROM information_schema.KEY_COLUMN_USAGE
         WHERE REFERENCED_TABLE_NAME IS NOT NULL AND ((TABLE_SCHEMA = ? AND TABLE_NAME = ?) OR (REFERENCED_TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME = ?))
         GROUP BY CONSTRAINT_SCHEMA, TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME ORDER BY CONSTRAINT_NAME`,
        [...where, ...where],
      );
      const self = where.join('.');
      const foreignKey = (row: Row) => ({
        name: String(row.name),
        columns: list(row.columns),
        references_table: String(row.target_table),
        references_columns: list(row.target_columns),
      });
      return {
        ...summary(found),
        columns: columns.map((row) => ({
          name: String(row.name),
          type: String(row.type),
          nullable: Number(row.nullable) === 1,
          default: row.default === 'NULL' ? null : text(row.default),
          comment: text(row.comment),
        })),
        primary_key: list(indexes.find((row) => row.name === 'PRIMARY')?.columns),
        foreign_keys: keys.filter((row) => row.source_table === self).map(foreignKey),
        referenced_by: keys.filter((row) => row.target_table === self).map((row) => ({ table: String(row.source_table), ...foreignKey(row) })),
        indexes: indexes.map((row) => ({ name: String(row.name), columns: list(row.columns), unique: Number(row.unique) === 1 })),
      };
    },
    columns: async (schema) =>
      (
        await query(
          `SELECT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\`, COLUMN_TYPE AS type
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ${schemaOrCurrent} ORDER BY TABLE_NAME, ORDINAL_POSITION LIMIT 20000`,
          [schema ?? null],
        )
      ).map((row) => ({ schema: String(row.schema), table: String(row.table), column: String(row.column), type: String(row.type) })),
  };
}

function summary(row: Row) {
  return { schema: String(row.schema), name: String(row.name), type: String(row.type), rows_estimate: count(row.rows_estimate), comment: text(row.comment) };
}

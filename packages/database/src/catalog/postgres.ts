import { type Catalog, count, list, type QueryFn, type Row, text } from './types.js';

const USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'";
const RELKINDS = "c.relkind IN ('r', 'p', 'v', 'm', 'f')";
const KIND = "CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'table' END";

/** Foreign keys with their column lists, in key order. */
const FOREIGN_KEYS = `
SELECT k.conname AS name, src.nspname || '.' || sc.relname AS source_table, dst.nspname || '.' || dc.relname AS target_table,
  (SELECT string_agg(a.attname, ',' ORDER BY u.ord) FROM unnest(k.conkey) WITH ORDINALITY u(num, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num) AS columns,
  (SELECT string_agg(a.attname, ',' ORDER BY u.ord) FROM unnest(k.confkey) WITH ORDINALITY u(num, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num) AS target_columns
FROM pg_catalog.pg_constraint k
JOIN pg_catalog.pg_class sc ON sc.oid = k.conrelid JOIN pg_catalog.pg_namespace src ON src.oid = sc.relnamespace
JOIN pg_catalog.pg_class dc ON dc.oid = k.confrelid JOIN pg_catalog.pg_namespace dst ON dst.oid = dc.relnamespace
WHERE k.contype = 'f' AND (k.conrelid = $1::oid OR k.confrelid = $1::oid) ORDER BY k.conname`;

export function postgresCatalog(query: QueryFn): Catalog {
  return {
    schemas: async () =>
      (
        await query(`SELECT n.nspname AS name, count(c.oid) FILTER (WHERE ${RELKINDS}) AS tables
        FROM pg_catalog.pg_namespace n LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid
        WHERE ${USER_SCHEMAS} GROUP BY n.nspname ORDER BY n.nspname`)
      ).map((row) => ({ name: String(row.name), tables: count(row.tables) ?? 0 })),
    tables: async (filter) =>
      (
        await query(
          `SELECT n.nspname AS schema, c.relname AS name, ${KIND} AS type,
           CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END AS rows_estimate,
           obj_description(c.oid, 'pg_class') AS comment
         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE ${RELKINDS} AND ${USER_SCHEMAS} AND ($1::text IS NULL OR n.nspname = $1) AND ($2::text IS NULL OR c.relname ILIKE $2)
         ORDER BY 1, 2 LIMIT 2000`,
          [filter.schema ?? null, filter.pattern ?? null],
        )
      ).map(summary),
    describe: async (schema, table) => {
      const [found] = await query(
        `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, ${KIND} AS type,
           CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END AS rows_estimate, obj_description(c.oid, 'pg_class') AS comment
         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE ${RELKINDS} AND c.relname = $2 AND ($1::text IS NULL AND pg_catalog.pg_table_is_visible(c.oid) OR n.nspname = $1)
         LIMIT 1`,
        [schema ?? null, table],
      );
      if (!found) return undefined;
      const oid = found.oid;
      const columns = await query(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
           pg_get_expr(d.adbin, d.adrelid) AS "default", col_description(a.attrelid, a.attnum) AS comment
         FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
        [oid],
      );
      const indexes = await query(
        `SELECT ic.relname AS name, i.indisunique AS "unique", i.indisprimary AS "primary",
           (SELECT string_agg(coalesce(a.attname, pg_get_indexdef(i.indexrelid, u.ord::int, true)), ',' ORDER BY u.ord)
              FROM unnest(i.indkey) WITH ORDINALITY u(num, ord) LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.num) AS columns
         FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = $1::oid ORDER BY ic.relname`,
        [oid],
      );
      const keys = await query(FOREIGN_KEYS, [oid]);
      const self = `${String(found.schema)}.${String(found.name)}`;
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
          nullable: Boolean(row.nullable),
          default: text(row.default),
          comment: text(row.comment),
        })),
        primary_key: list(indexes.find((row) => row.primary)?.columns),
        foreign_keys: keys.filter((row) => row.source_table === self).map(foreignKey),
        referenced_by: keys.filter((row) => row.target_table === self).map((row) => ({ table: String(row.source_table), ...foreignKey(row) })),
        indexes: indexes.map((row) => ({ name: String(row.name), columns: list(row.columns), unique: Boolean(row.unique) })),
      };
    },
    columns: async (schema) =>
      (
        await query(
          `SELECT n.nspname AS schema, c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE ${RELKINDS} AND ${USER_SCHEMAS} AND a.attnum > 0 AND NOT a.attisdropped AND ($1::text IS NULL OR n.nspname = $1)
         ORDER BY n.nspname, c.relname, a.attnum LIMIT 20000`,
          [schema ?? null],
        )
      ).map((row) => ({ schema: String(row.schema), table: String(row.table), column: String(row.column), type: String(row.type) })),
  };
}

function summary(row: Row) {
  return { schema: String(row.schema), name: String(row.name), type: String(row.type), rows_estimate: count(row.rows_estimate), comment: text(row.comment) };
}

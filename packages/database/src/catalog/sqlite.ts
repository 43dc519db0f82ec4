import { type Catalog, type ColumnLine, count, list, type QueryFn, type Row, text } from './types.js';

const USER_TABLES = "m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

export function sqliteCatalog(query: QueryFn): Catalog {
  const schemaOf = (schema: string | undefined) => schema ?? 'main';
  const catalog: Catalog = {
    schemas: async () =>
      (
        await query(
          `SELECT d.name AS name, (SELECT count(*) FROM sqlite_schema m WHERE ${USER_TABLES}) AS tables FROM pragma_database_list d WHERE d.name = 'main'`,
        )
      ).map((row) => ({ name: String(row.name), tables: count(row.tables) ?? 0 })),
    tables: async (filter) =>
      (
        await query(
          `SELECT 'main' AS schema, m.name AS name, m.type AS type,
           (SELECT CAST(substr(s.stat, 1, instr(s.stat || ' ', ' ') - 1) AS INTEGER) FROM sqlite_stat1 s WHERE s.tbl = m.name ORDER BY s.idx IS NOT NULL LIMIT 1) AS rows_estimate
         FROM sqlite_schema m WHERE ${USER_TABLES} AND (? IS NULL OR ? = 'main') AND (? IS NULL OR m.name LIKE ? ESCAPE '\\') ORDER BY m.name`,
          [filter.schema ?? null, filter.schema ?? null, filter.pattern ?? null, filter.pattern ?? null],
        ).catch(() =>
          query(
            `SELECT 'main' AS schema, m.name AS name, m.type AS type, NULL AS rows_estimate FROM sqlite_schema m
         WHERE ${USER_TABLES} AND (? IS NULL OR ? = 'main') AND (? IS NULL OR m.name LIKE ? ESCAPE '\\') ORDER BY m.name`,
            [filter.schema ?? null, filter.schema ?? null, filter.pattern ?? null, filter.pattern ?? null],
          ),
        )
      ).map(summary),
    describe: async (schema, table) => {
      if (schemaOf(schema) !== 'main') return undefined;
      const [found] = await query(
        `SELECT 'main' AS schema, m.name AS name, m.type AS type, NULL AS rows_estimate FROM sqlite_schema m WHERE ${USER_TABLES} AND m.name = ?`,
        [table],
      );
      if (!found) return undefined;
      const name = String(found.name);
      const columns = await query('SELECT name, type, "notnull" AS not_null, dflt_value AS "default", pk FROM pragma_table_info(?) ORDER BY cid', [name]);
      const outgoing = await query(
        'SELECT id, "table" AS target, group_concat("from") AS columns, group_concat("to") AS target_columns FROM pragma_foreign_key_list(?) GROUP BY id ORDER BY id',
        [name],
      );
      const incoming = await query(
        `SELECT m.name AS source, f.id AS id, group_concat(f."from") AS columns, group_concat(f."to") AS target_columns
         FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = ? COLLATE NOCASE GROUP BY m.name, f.id ORDER BY m.name`,
        [name],
      );
      const indexes = await query(
        'SELECT il.name AS name, il."unique" AS "unique", (SELECT group_concat(ii.name) FROM pragma_index_info(il.name) ii) AS columns FROM pragma_index_list(?) il ORDER BY il.name',
        [name],
      );
      const listed = (await catalog.tables({ pattern: name.replace(/[\\%_]/g, (char) => `\\${char}`) })).find((entry) => entry.name === name);
      return {
        ...summary(found),
        rows_estimate: listed?.rows_estimate ?? null,
        columns: columns.map((row) => ({
          name: String(row.name),
          type: String(row.type),
          nullable: Number(row.not_null) === 0 && Number(row.pk) === 0,
          default: text(row.default),
          comment: null,
        })),
        primary_key: columns
          .filter((row) => Number(row.pk) > 0)
          .sort((a, b) => Number(a.pk) - Number(b.pk))
          .map((row) => String(row.name)),
        foreign_keys: outgoing.map((row) => ({
          name: `fk_${name}_${String(row.id)}`,
          columns: list(row.columns),
          references_table: `main.${String(row.target)}`,
          references_columns: list(row.target_columns),
        })),
        referenced_by: incoming.map((row) => ({
          table: `main.${String(row.source)}`,
          name: `fk_${String(row.source)}_${String(row.id)}`,
          columns: list(row.columns),
          references_table: `main.${name}`,
          references_columns: list(row.target_columns),
        })),
        indexes: indexes.map((row) => ({ name: String(row.name), columns: list(row.columns), unique: Number(row.unique) === 1 })),
      };
    },
    // One table at a time: a view SQLite refuses to compile (e.g. an unsafe function with trusted_schema
    // off) loses its columns instead of failing the whole listing.
    columns: async () => {
      const lines: ColumnLine[] = [];
      for (const table of await catalog.tables({})) {
        const columns = await query('SELECT name, type FROM pragma_table_info(?) ORDER BY cid', [table.name]).catch(() => [
          { name: '?', type: 'columns unavailable' },
        ]);
        for (const column of columns) lines.push({ schema: 'main', table: table.name, column: String(column.name), type: String(column.type) });
      }
      return lines;
    },
  };
  return catalog;
}

function summary(row: Row) {
  return { schema: String(row.schema), name: String(row.name), type: String(row.type), rows_estimate: count(row.rows_estimate), comment: null };
}

import { CUT_PREFIX, CUT_SUFFIX } from './rows.js';

/** How a result column is read back: as it is, by its size only (binary), or cut on the server (text-like). */
export type Shape = 'fixed' | 'binary' | 'wide';

/** The SQL a dialect cuts cells with. */
export interface CellSql {
  column(index: number): string;
  /** A value's length in characters. */
  length(column: string): string;
  /** Its first `count` characters followed by the cut marker with its full length. */
  cut(column: string, count: number): string;
  /** A binary value's size in bytes. */
  size(column: string): string;
  /** The statement (without a trailing semicolon) read through the bounded select list. */
  wrap(body: string, select: readonly string[], columns: readonly string[]): string;
  /** The most entries a select list may hold. */
  maxEntries: number;
  /** The value when it takes at most `bytes` bytes, else NULL: a cap that holds whatever the column's type. */
  atMost?(column: string, bytes: number): string;
}

/**
 * A statement whose wide cells the server cuts before sending them. Text-like values longer than the cell
 * limit come back as their first characters plus the cut marker; binary values as their size only. The
 * statement itself is untouched inside the wrapper.
 */
export interface BoundedStatement {
  sql: string;
  /** The bounded row back into one cell per column of the statement. */
  decode(row: readonly unknown[]): unknown[];
}

/**
 * PostgreSQL: `SELECT <bounded> FROM (SELECT * FROM (<S>) AS statement OFFSET 0) AS bounded(c1, ...)`;
 * OFFSET 0 keeps the statement a subquery of its own, so each value is computed once, not once per use.
 */
export const POSTGRES_CELLS: CellSql = {
  column: (index) => `"c${index + 1}"`,
  length: (column) => `pg_catalog.char_length(${column}::text)`,
  cut: (column, count) => `pg_catalog.left(${column}::text, ${count}) || '${CUT_PREFIX}' || pg_catalog.char_length(${column}::text) || '${CUT_SUFFIX}'`,
  size: (column) => `pg_catalog.octet_length(${column})`,
  wrap: (body, select, columns) => `SELECT ${select.join(', ')} FROM (SELECT * FROM (\n${body}\n) AS "statement" OFFSET 0) AS "bounded"(${columns.join(', ')})`,
  maxEntries: 1664,
  atMost: (column, bytes) => `CASE WHEN pg_catalog.pg_column_size(${column}) <= ${bytes} THEN ${column} END`,
};

/** MySQL/MariaDB: `WITH bounded(c1, ...) AS (<S>) SELECT <bounded> FROM bounded` (a CTE's column list renames any names). */
export const MYSQL_CELLS: CellSql = {
  column: (index) => `\`c${index + 1}\``,
  length: (column) => `CHAR_LENGTH(${column})`,
  cut: (column, count) => `CONCAT(LEFT(${column}, ${count}), '${CUT_PREFIX}', CHAR_LENGTH(${column}), '${CUT_SUFFIX}')`,
  size: (column) => `LENGTH(${column})`,
  wrap: (body, select, columns) => `WITH \`bounded\` (${columns.join(', ')}) AS (\n${body}\n) SELECT ${select.join(', ')} FROM \`bounded\``,
  maxEntries: 4096,
};

/** No built-in fixed-size type takes more than 64 bytes (name); a column capped at this keeps every such value. */
export const FIXED_CELL_BYTES = 1_024;

/**
 * The bounded form of `body` (a statement without its trailing semicolon), or undefined when nothing needs
 * bounding. `capFixed`: fixed-size columns are capped too (at FIXED_CELL_BYTES), so that no cell can be
 * large even if a column's type is no longer the one its shape was taken from.
 */
export function boundedStatement(
  body: string,
  shapes: readonly Shape[],
  maxCellChars: number,
  cells: CellSql,
  { capFixed = false } = {},
): BoundedStatement | undefined {
  if (!capFixed && shapes.every((shape) => shape === 'fixed')) return undefined;
  const atMost = capFixed ? cells.atMost : undefined;
  if (capFixed && !atMost) throw new Error('this dialect cannot cap fixed-size cells');
  const limit = Math.trunc(maxCellChars);
  const columns = shapes.map((_shape, index) => cells.column(index));
  const select = shapes.flatMap((shape, index) => {
    const column = columns[index] as string;
    if (shape === 'fixed') return [atMost ? atMost(column, FIXED_CELL_BYTES) : column];
    if (shape === 'binary') return [cells.size(column)];
    return [
      `CASE WHEN ${cells.length(column)} <= ${limit} THEN ${column} END`,
      `CASE WHEN ${cells.length(column)} > ${limit} THEN ${cells.cut(column, limit)} END`,
    ];
  });
  if (select.length > cells.maxEntries) return undefined;
  return {
    sql: cells.wrap(body, select, columns),
    decode: (row) => {
      const decoded: unknown[] = [];
      let at = 0;
      for (const shape of shapes) {
        if (shape === 'fixed') decoded.push(row[at++]);
        else if (shape === 'binary') {
          const size = row[at++];
          decoded.push(size === null || size === undefined ? null : `[binary ${String(size)} bytes]`);
        } else {
          decoded.push(row[at + 1] ?? row[at]);
          at += 2;
        }
      }
      return decoded;
    },
  };
}

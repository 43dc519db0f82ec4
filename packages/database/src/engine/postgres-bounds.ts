import type { FieldDef } from 'pg';
import { pgLiteralSpans } from '../guard/postgres/string-literals.js';
import { CUT_PREFIX, CUT_SUFFIX } from './rows.js';

/** What the bounded form of a statement needs to know about a column type. */
export interface TypeInfo {
  name: string;
  /** pg_type.typlen: bytes for fixed-size types, -1 (varlena) or -2 (C string) for variable ones. */
  length: number;
}

const BYTEA = 17;
/** PostgreSQL takes at most 1664 entries in a select list. */
const MAX_SELECT_ENTRIES = 1664;

/**
 * A statement whose wide cells the server cuts before sending them: `SELECT <bounded columns> FROM (SELECT *
 * FROM (<S>) OFFSET 0) AS bounded(c1, c2, ...)`. Text-like values longer than the cell limit come back as their first characters plus the
 * cut marker; binary values as their size only. The statement itself is untouched inside the parentheses.
 */
export interface BoundedStatement {
  sql: string;
  /** The bounded row back into one cell per column of the statement. */
  decode(row: readonly unknown[]): unknown[];
}

type Shape = 'fixed' | 'binary' | 'wide';

const column = (index: number) => `"c${index + 1}"`;

/** The text without its trailing semicolons (comments after them dropped too), so it can sit inside parentheses. */
export function withoutTrailingSemicolon(sql: string): string {
  const spans = pgLiteralSpans(sql, true);
  const spanAt = (at: number): [number, number] | undefined => {
    for (let index = 0; index < spans.length; index += 2) {
      const [start, end] = [spans[index] as number, spans[index + 1] as number];
      if (at >= start && at < end) return [start, end];
    }
    return undefined;
  };
  let end = sql.length;
  for (let at = sql.length - 1; at >= 0; at--) {
    const span = spanAt(at);
    if (span) {
      if (!sql.startsWith('--', span[0]) && !sql.startsWith('/*', span[0])) break;
      at = span[0];
    } else if (sql[at] === ';') end = at;
    else if (!/\s/.test(sql[at] as string)) break;
  }
  return sql.slice(0, end);
}

/** The bounded form, or undefined when every column has a fixed size (nothing to bound). */
export function boundedStatement(
  sql: string,
  fields: readonly FieldDef[],
  types: ReadonlyMap<number, TypeInfo>,
  maxCellChars: number,
): BoundedStatement | undefined {
  const shapes: Shape[] = fields.map((field) => {
    if (field.dataTypeID === BYTEA) return 'binary';
    const length = types.get(field.dataTypeID)?.length ?? -1;
    return length > 0 ? 'fixed' : 'wide';
  });
  if (shapes.every((shape) => shape === 'fixed')) return undefined;
  const limit = Math.trunc(maxCellChars);
  const select: string[] = [];
  shapes.forEach((shape, index) => {
    const name = column(index);
    if (shape === 'fixed') select.push(name);
    else if (shape === 'binary') select.push(`pg_catalog.octet_length(${name})`);
    else {
      const length = `pg_catalog.char_length(${name}::text)`;
      select.push(
        `CASE WHEN ${length} <= ${limit} THEN ${name} END`,
        `CASE WHEN ${length} > ${limit} THEN pg_catalog.left(${name}::text, ${limit}) || '${CUT_PREFIX}' || ${length} || '${CUT_SUFFIX}' END`,
      );
    }
  });
  if (select.length > MAX_SELECT_ENTRIES) return undefined;
  return {
    // OFFSET 0 keeps the statement a subquery of its own: its values are computed once, not once per use.
    sql: `SELECT ${select.join(', ')} FROM (SELECT * FROM (\n${withoutTrailingSemicolon(sql)}\n) AS "statement" OFFSET 0) AS "bounded"(${fields.map((_field, index) => column(index)).join(', ')})`,
    decode: (row) => {
      const cells: unknown[] = [];
      let at = 0;
      for (const shape of shapes) {
        if (shape === 'fixed') cells.push(row[at++]);
        else if (shape === 'binary') {
          const size = row[at++];
          cells.push(size === null || size === undefined ? null : `[binary ${String(size)} bytes]`);
        } else {
          const [value, cut] = [row[at], row[at + 1]];
          at += 2;
          cells.push(cut ?? value);
        }
      }
      return cells;
    },
  };
}

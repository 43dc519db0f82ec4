import { ConfigError } from '@toolbridge/core';

/**
 * One `database.maskColumns` entry: "table.column", "schema.table.column" or "*.column" (that column in
 * every table). Names are case-insensitive; the column is always named (a whole table is deniedTables' job).
 */
export interface MaskPattern {
  schema?: string;
  /** "*" for any table. */
  table: string;
  column: string;
  text: string;
}

const PART = /^[A-Za-z_][A-Za-z0-9_$]*$/;

export function parseMaskPatterns(entries: readonly string[], key: string): MaskPattern[] {
  return entries.map((text, index) => {
    const parts = text.trim().toLowerCase().split('.');
    const [schema, table, column] = parts.length === 3 ? parts : [undefined, ...parts];
    const valid =
      (parts.length === 2 || parts.length === 3) &&
      column !== undefined &&
      PART.test(column) &&
      table !== undefined &&
      (table === '*' || PART.test(table)) &&
      (schema === undefined || PART.test(schema));
    if (!valid) {
      throw new ConfigError(`${key}[${index}]`, `"${text}" is not a column pattern`, {
        hint: 'Write "table.column", "schema.table.column" or "*.column" (that column in every table).',
      });
    }
    return { ...(schema ? { schema } : {}), table: table as string, column: column as string, text };
  });
}

export interface NamedRelation {
  schema?: string | undefined;
  name: string;
}

/** The masked column names that apply to a statement naming these relations ("*" patterns always apply). */
export function relevantColumns(patterns: readonly MaskPattern[], relations: readonly NamedRelation[]): Map<string, string> {
  const columns = new Map<string, string>();
  for (const pattern of patterns) {
    const applies =
      pattern.table === '*' ||
      relations.some(
        (relation) =>
          relation.name.toLowerCase() === pattern.table &&
          (pattern.schema === undefined || relation.schema === undefined || relation.schema.toLowerCase() === pattern.schema),
      );
    if (applies && !columns.has(pattern.column)) columns.set(pattern.column, pattern.text);
  }
  return columns;
}

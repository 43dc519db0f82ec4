export interface SchemaSummary {
  name: string;
  tables: number;
}

export interface TableSummary {
  schema: string;
  name: string;
  type: string;
  rows_estimate: number | null;
  comment: string | null;
}

export interface ForeignKey {
  name: string;
  columns: string[];
  /** "schema.table" */
  references_table: string;
  references_columns: string[];
}

export interface TableDescription extends TableSummary {
  columns: Array<{ name: string; type: string; nullable: boolean; default: string | null; comment: string | null }>;
  primary_key: string[];
  foreign_keys: ForeignKey[];
  /** Foreign keys in other tables that point at this one ("table" is the referencing table). */
  referenced_by: Array<ForeignKey & { table: string }>;
  indexes: Array<{ name: string; columns: string[]; unique: boolean }>;
}

export interface ColumnLine {
  schema: string;
  table: string;
  column: string;
  type: string;
}

export interface TableFilter {
  schema?: string | undefined;
  /** SQL LIKE pattern on the table name. */
  pattern?: string | undefined;
}

/** Read-only catalog lookups, one implementation per dialect. */
export interface Catalog {
  schemas(): Promise<SchemaSummary[]>;
  tables(filter: TableFilter): Promise<TableSummary[]>;
  describe(schema: string | undefined, table: string): Promise<TableDescription | undefined>;
  /** Every column of every table (for the compact schema resource). */
  columns(schema: string | undefined): Promise<ColumnLine[]>;
}

export type Row = Record<string, unknown>;
export type QueryFn = (sql: string, params?: readonly unknown[]) => Promise<Row[]>;

export const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));
export const count = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? Math.round(number) : null;
};
export const list = (value: unknown): string[] => (value === null || value === undefined || value === '' ? [] : String(value).split(','));

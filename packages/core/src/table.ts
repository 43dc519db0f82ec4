import { z } from 'zod';

/**
 * A list of records as a table: the column names once, then one array of cells per record, in column
 * order. The same `{ columns, rows }` shape as the database server's query results; here the columns are
 * fixed by the tool, so they are names and the output schema says what each cell holds. A field a
 * record leaves out is a null cell. `R` is the record type the table was built from (type-level only).
 */
export interface Table<R = Record<string, unknown>> {
  columns: string[];
  rows: unknown[][];
  /** Never set: carries the record type from the table's schema to `records()`. */
  readonly recordType?: R;
}

type Shape = Record<string, z.ZodType>;

export interface TableShape<S extends Shape> {
  /** The output schema of the table: each cell of a row described by its column's name and schema. */
  schema: z.ZodType<Table<z.output<z.ZodObject<S>>>, Table<z.input<z.ZodObject<S>>>>;
  columns: readonly string[];
  /** The table of these records (a missing or undefined field becomes null). */
  of(records: ReadonlyArray<z.input<z.ZodObject<S>>>): Table<z.input<z.ZodObject<S>>>;
}

/**
 * A cell's schema: an optional field is a nullable cell. The rows' description names the cells in order;
 * a field's own description stays on its cell, prefixed with the name (naming every cell there too would
 * cost a tools/list entry more than the names once).
 */
function cellSchema(name: string, field: z.ZodType): z.ZodType {
  const cell = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType).nullable() : field;
  const description = field.description ?? cell.description;
  return description ? cell.describe(`${name}: ${description}`) : cell;
}

/**
 * The table form of a record schema: a list without its keys repeated in every row. Pass the record
 * schema as a function to build both at first use rather than when the server starts.
 */
export function tableOf<S extends Shape>(record: z.ZodObject<S> | (() => z.ZodObject<S>)): TableShape<S> {
  let built: { columns: string[]; schema: TableShape<S>['schema'] } | undefined;
  const build = () => {
    built ??= buildTable(typeof record === 'function' ? record() : record);
    return built;
  };
  return {
    get schema() {
      return build().schema;
    },
    get columns() {
      return build().columns;
    },
    of: (records) => {
      const { columns } = build();
      return { columns: [...columns], rows: records.map((item) => columns.map((name) => (item as Record<string, unknown>)[name] ?? null)) };
    },
  };
}

function buildTable<S extends Shape>(record: z.ZodObject<S>): { columns: string[]; schema: TableShape<S>['schema'] } {
  const columns = Object.keys(record.shape);
  const cells = columns.map((name) => cellSchema(name, record.shape[name] as z.ZodType));
  const schema = z.object({
    columns: z.array(z.string()),
    // The rest element keeps `items: false` out of the JSON Schema: a draft-07 validator (the MCP SDK's
    // client checks structured content with one) ignores prefixItems and would then refuse every cell.
    rows: z.array(z.tuple(cells as [z.ZodType, ...z.ZodType[]], z.unknown())).describe(`Cells in column order: ${columns.join(', ')}`),
  });
  return { columns, schema: schema as unknown as TableShape<S>['schema'] };
}

/** The records of a table again, null cells left out: how renderers, resources and prompts read a table. */
export function records<T extends Table<unknown>>(table: T): Array<NonNullable<T['recordType']>> {
  return table.rows.map((row) => Object.fromEntries(table.columns.flatMap((name, index) => (row[index] === null ? [] : [[name, row[index]]])))) as Array<
    NonNullable<T['recordType']>
  >;
}

type Empty = null | undefined | readonly never[];
/** The keys whose value may be empty: nullable or an array. */
type MaybeEmptyKey<T> = { [K in keyof T]-?: null extends T[K] ? K : undefined extends T[K] ? K : T[K] extends readonly unknown[] ? K : never }[keyof T];
type WithoutEmpty<T> = { [K in Exclude<keyof T, MaybeEmptyKey<T>>]: T[K] } & { [K in MaybeEmptyKey<T>]?: Exclude<T[K], Empty> };

/**
 * The fields of an object output that carry something: null, undefined, [] and {} are left out (a model
 * reads an absent field as "none" just as well, and each one costs tokens). Shallow: build nested objects
 * with it too. An empty string stays (a required title may be one): pass `text || undefined` where "" means none.
 */
export function withoutEmpty<T extends Record<string, unknown>>(values: T): WithoutEmpty<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => !isEmpty(value))) as WithoutEmpty<T>;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0;
}

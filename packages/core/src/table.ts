import * as z from 'zod';

/**
 * A list of records as a table: the column names once, then one array of cells per record, in column
 * order. The same `{ columns, rows }` shape as the database server's query results; here the columns are
 * fixed by the tool, so they are names and the output schema says what each cell holds. A field a
 * record leaves out is a null cell; a column null in every row is left out (of `columns` and of every
 * row), so a table of no records has no columns. `R` is the record type the table was built from
 * (type-level only).
 */
export interface Table<R = Record<string, unknown>> {
  columns: string[];
  rows: unknown[][];
  /** Never set: carries the record type from the table's schema to `records()`. */
  readonly recordType?: R;
}

type Shape = Record<string, z.ZodType>;

export interface TableShape<S extends Shape> {
  /** The output schema of the table: columns among the declared ones, in their order, each cell checked by its column's schema. */
  schema: z.ZodType<Table<z.output<z.ZodObject<S>>>, Table<z.input<z.ZodObject<S>>>>;
  /** Every declared column, in order; a table has these less the ones null in all its rows. */
  columns: readonly string[];
  /** The table of these records (a missing or undefined field becomes null; a column null in every row is left out). */
  of(records: ReadonlyArray<z.input<z.ZodObject<S>>>): Table<z.input<z.ZodObject<S>>>;
}

/** A cell's schema: an optional field is a nullable cell. */
function cellSchema(field: z.ZodType): z.ZodType {
  return field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType).nullable() : field;
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
      const full = records.map((item) => columns.map((name) => (item as Record<string, unknown>)[name] ?? null));
      const kept = columns.flatMap((_name, index) => (full.some((row) => row[index] !== null) ? [index] : []));
      return { columns: kept.map((index) => columns[index] as string), rows: full.map((row) => kept.map((index) => row[index])) };
    },
  };
}

/**
 * The schema of a table: `columns` a subset of the declared ones in their order, and a check that puts
 * each cell to its column's schema (issues at `rows.<row>.<cell>`). Each checked cell replaces the raw one,
 * as the schema's output (an object cell loses unknown keys, as a field of the record would). The JSON
 * Schema says only "an array of cells" for a row: the MCP SDK client validates structured content with
 * a draft-07 validator, and which cell a column's schema applies to depends on `columns`. A field's
 * description goes on `columns`, prefixed with its name.
 */
function buildTable<S extends Shape>(record: z.ZodObject<S>): { columns: string[]; schema: TableShape<S>['schema'] } {
  const columns = Object.keys(record.shape);
  const fields = columns.map((name) => record.shape[name] as z.ZodType);
  const cells = new Map(columns.map((name, index) => [name, cellSchema(fields[index] as z.ZodType)]));
  const notes = columns.flatMap((name, index) => {
    const description = fields[index]?.description ?? cells.get(name)?.description;
    return description ? [`${name}: ${description}`] : [];
  });
  const names = z.array(z.enum(columns as [string, ...string[]]));
  const schema = z
    .object({
      columns: notes.length ? names.describe(notes.join('; ')) : names,
      rows: z.array(z.array(z.unknown())).describe('Cells in the order of `columns`; a column null in every row is left out'),
    })
    .superRefine((table, context) => {
      const order = table.columns.map((name) => columns.indexOf(name));
      order.forEach((position, index) => {
        if (index > 0 && position <= (order[index - 1] as number)) {
          const message =
            order.indexOf(position) < index
              ? `column "${table.columns[index]}" appears twice`
              : `column "${table.columns[index]}" is out of the declared order (${columns.join(', ')})`;
          context.addIssue({ code: 'custom', path: ['columns', index], message });
        }
      });
      table.rows.forEach((row, rowIndex) => {
        if (row.length !== table.columns.length) {
          context.addIssue({ code: 'custom', path: ['rows', rowIndex], message: `${row.length} cells for ${table.columns.length} columns` });
          return;
        }
        row.forEach((cell, index) => {
          const checked = (cells.get(table.columns[index] as string) as z.ZodType).safeParse(cell);
          if (checked.success) row[index] = checked.data;
          else for (const issue of checked.error.issues) context.addIssue({ ...issue, path: ['rows', rowIndex, index, ...issue.path] } as z.core.$ZodRawIssue);
        });
      });
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

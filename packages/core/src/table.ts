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

/** A cell's schema: an optional field is a nullable cell, named by its column so the schema says what it is. */
function cellSchema(name: string, field: z.ZodType): z.ZodType {
  const cell = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType).nullable() : field;
  const description = field.description ?? cell.description;
  return cell.describe(description ? `${name}: ${description}` : name);
}

/** The table form of a record schema: a list without its keys repeated in every row. */
export function tableOf<S extends Shape>(record: z.ZodObject<S>): TableShape<S> {
  const columns = Object.keys(record.shape);
  const cells = columns.map((name) => cellSchema(name, record.shape[name] as z.ZodType));
  const schema = z.object({
    columns: z.array(z.string()).describe('Names of the cells of each row, in order'),
    rows: z.array(z.tuple(cells as [z.ZodType, ...z.ZodType[]])),
  });
  return {
    schema: schema as unknown as TableShape<S>['schema'],
    columns,
    of: (records) => ({ columns: [...columns], rows: records.map((item) => columns.map((name) => (item as Record<string, unknown>)[name] ?? null)) }),
  };
}

/** The records of a table again, null cells left out: how renderers, resources and prompts read a table. */
export function records<R>(table: Table<R>): R[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.flatMap((name, index) => (row[index] === null ? [] : [[name, row[index]]]))) as R);
}

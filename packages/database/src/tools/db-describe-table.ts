import { NotFoundError, PolicyError } from '@toolbridge/core';
import { z } from 'zod';
import { catalogFor } from '../catalog/index.js';
import type { TableDescription } from '../catalog/types.js';
import type { SourceConfig } from '../config/settings.js';
import { type TableRefusal, tableRefusal } from '../config/table-policy.js';
import { defineTool } from '../define.js';
import { pickSource } from '../sources.js';
import { sourceArg, TOOLSET } from './shared.js';

const foreignKey = z.object({ name: z.string(), columns: z.array(z.string()), references_table: z.string(), references_columns: z.array(z.string()) });

export const tableDescriptionSchema = z.object({
  schema: z.string(),
  name: z.string(),
  type: z.string(),
  rows_estimate: z.number().nullable(),
  comment: z.string().nullable(),
  columns: z.array(z.object({ name: z.string(), type: z.string(), nullable: z.boolean(), default: z.string().nullable(), comment: z.string().nullable() })),
  primary_key: z.array(z.string()),
  foreign_keys: z.array(foreignKey),
  referenced_by: z.array(foreignKey.extend({ table: z.string() })),
  indexes: z.array(z.object({ name: z.string(), columns: z.array(z.string()), unique: z.boolean() })),
});

/** "schema.table" or "table"; the schema argument wins when both name one. */
export function splitTableName(table: string, schema: string | undefined): { schema: string | undefined; table: string } {
  if (schema) return { schema, table };
  const dot = table.indexOf('.');
  return dot > 0 ? { schema: table.slice(0, dot), table: table.slice(dot + 1) } : { schema: undefined, table };
}

const refused = (table: string, refusal: TableRefusal) =>
  new PolicyError(refusal.rule, `table ${table} may not be read: ${refusal.reason}`, {
    hint: 'Ask the administrator to change allowedTables / deniedTables if you need it.',
  });

/** The table's description, after the table policy allowed it. */
export async function describeTable(source: SourceConfig, table: string, schema: string | undefined): Promise<TableDescription> {
  const name = splitTableName(table, schema);
  const early = tableRefusal(source.policy, name.schema, name.table);
  if (early) throw refused(table, early);
  const found = await catalogFor(source).describe(name.schema, name.table);
  if (!found)
    throw new NotFoundError(`no table or view ${table} in source ${source.id}`, { hint: 'List them with db_list_tables (names are case-sensitive).' });
  const refusal = tableRefusal(source.policy, found.schema, found.name);
  if (refusal) throw refused(`${found.schema}.${found.name}`, refusal);
  return found;
}

export const dbDescribeTable = defineTool({
  name: 'db_describe_table',
  title: 'Describe a table',
  description: 'Columns (type, nullability, default, comment), primary key, foreign keys both ways, indexes and row estimate of one table or view.',
  toolset: TOOLSET,
  input: z.object({
    table: z.string().min(1).max(256).describe('Table name, or "schema.table"'),
    schema: z.string().min(1).max(128).optional(),
    source: sourceArg,
  }),
  output: tableDescriptionSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (input, context) => describeTable(pickSource(context, input.source), input.table, input.schema),
});

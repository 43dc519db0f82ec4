import * as z from 'zod';
import { databaseAnnotations } from '../annotations.js';
import { withCatalog } from '../catalog/visible.js';
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

export const dbDescribeTable = defineTool({
  name: 'db_describe_table',
  title: 'Describe a table',
  description: 'Columns (type, nullability, default, comment), primary key, foreign keys both ways, indexes and row estimate of one table or view.',
  toolset: TOOLSET,
  input: () =>
    z.object({
      table: z.string().min(1).max(256).describe('Table name, or "schema.table"'),
      schema: z.string().min(1).max(128).optional(),
      source: sourceArg,
    }),
  output: tableDescriptionSchema,
  annotations: databaseAnnotations.read,
  handler: async (input, context) => withCatalog(pickSource(context, input.source), (catalog) => catalog.describe(input.table, input.schema)),
});

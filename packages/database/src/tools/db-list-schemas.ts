import { toCsv } from '@toolbridge/core';
import * as z from 'zod';
import { databaseAnnotations } from '../annotations.js';
import { withCatalog } from '../catalog/visible.js';
import { defineTool } from '../define.js';
import { pickSource } from '../sources.js';
import { sourceArg, TOOLSET } from './shared.js';

export const dbListSchemas = defineTool({
  name: 'db_list_schemas',
  title: 'List schemas',
  description: 'List the schemas (databases on MySQL) of a source with their table counts; system schemas are left out.',
  toolset: TOOLSET,
  input: () => z.object({ source: sourceArg }),
  output: () =>
    z.object({
      source: z.string(),
      dialect: z.string(),
      schemas: z.array(z.object({ name: z.string(), tables: z.number().int() })),
    }),
  annotations: databaseAnnotations.read,
  handler: async (input, context) => {
    const source = pickSource(context, input.source);
    return { source: source.id, dialect: source.dsn.dialect, schemas: await withCatalog(source, (catalog) => catalog.schemas()) };
  },
  render: (output) =>
    `${output.source} (${output.dialect})\n${toCsv(
      ['schema', 'tables'],
      output.schemas.map((schema) => [schema.name, schema.tables]),
    )}`,
});

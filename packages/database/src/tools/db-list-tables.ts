import { toCsv } from '@toolbridge/core';
import * as z from 'zod';
import { databaseAnnotations } from '../annotations.js';
import { withCatalog } from '../catalog/visible.js';
import { defineTool } from '../define.js';
import { pickSource } from '../sources.js';
import { sourceArg, TOOLSET } from './shared.js';

export const dbListTables = defineTool({
  name: 'db_list_tables',
  title: 'List tables',
  description:
    'List tables and views with row estimates and comments. Filter by schema and a name pattern (* and ? wildcards, or SQL LIKE % and _). Tables the policy hides are not shown.',
  toolset: TOOLSET,
  input: () =>
    z.object({
      schema: z.string().min(1).max(128).optional().describe("Only this schema (default: all user schemas; on MySQL the connection's database)"),
      pattern: z.string().min(1).max(128).optional().describe('Table name pattern, e.g. "order*"'),
      source: sourceArg,
    }),
  output: () =>
    z.object({
      tables: z.array(
        z.object({ schema: z.string(), name: z.string(), type: z.string(), rows_estimate: z.number().nullable(), comment: z.string().nullable() }),
      ),
      hidden_by_policy: z.number().int(),
    }),
  annotations: databaseAnnotations.read,
  handler: async (input, context) => {
    const source = pickSource(context, input.source);
    const pattern = input.pattern?.replaceAll('*', '%').replaceAll('?', '_');
    const { tables, hidden } = await withCatalog(source, (catalog) => catalog.tables({ schema: input.schema, pattern }));
    return { tables, hidden_by_policy: hidden };
  },
  render: (output) =>
    `${toCsv(
      ['schema', 'name', 'type', 'rows_estimate', 'comment'],
      output.tables.map((table) => [table.schema, table.name, table.type, table.rows_estimate, table.comment]),
    )}\n(${output.tables.length} tables${output.hidden_by_policy ? `; ${output.hidden_by_policy} hidden by the table policy` : ''})`,
});

import { withCatalog } from './catalog/visible.js';
import { defineResource } from './define.js';
import { allSources, type DbContext, pickSource } from './sources.js';
import { dbDescribeTable } from './tools/db-describe-table.js';
import { dbListTables } from './tools/db-list-tables.js';

/** Every readable table, one line each: "schema.table(column type, ...)". */
async function schemaText(context: DbContext, sourceId: string): Promise<string> {
  const source = pickSource(context, sourceId);
  const lines = new Map<string, string[]>();
  for (const column of await withCatalog(source, (catalog) => catalog.columns())) {
    const key = `${column.schema}.${column.table}`;
    lines.set(key, [...(lines.get(key) ?? []), `${column.column} ${column.type}`]);
  }
  return [`-- ${source.id} (${source.dsn.dialect}), ${lines.size} tables`, ...[...lines].map(([table, columns]) => `${table}(${columns.join(', ')})`)].join(
    '\n',
  );
}

const completeSource = (value: string, context: DbContext) =>
  allSources(context)
    .map((source) => source.id)
    .filter((id) => id.startsWith(value));

export const schemaResource = defineResource({
  name: 'schema',
  title: 'Database schema',
  description: 'All readable tables of a source with their columns, one line per table.',
  uri: 'db://{source}/schema',
  mimeType: 'text/plain',
  list: async (context) =>
    allSources(context).map((source) => ({
      uri: `db://${source.id}/schema`,
      name: `${source.id} schema`,
      description: `Tables and columns of ${source.id} (${source.dsn.dialect})`,
    })),
  complete: { source: completeSource },
  read: (params, context) => schemaText(context, params.source!),
});

export const tableResource = defineResource({
  name: 'table',
  title: 'Table description',
  description: 'One table as db_describe_table shows it (columns, keys, indexes).',
  uri: 'db://{source}/tables/{table}',
  mimeType: 'application/json',
  complete: {
    source: completeSource,
    table: async (value, context, others) => {
      const { tables } = await context.invoke(dbListTables, { source: others.source || undefined });
      const names = tables.map((table) => table.name).filter((name) => name.toLowerCase().startsWith(value.toLowerCase()));
      return [...new Set(names)];
    },
  },
  read: async (params, context) => JSON.stringify(await context.invoke(dbDescribeTable, { source: params.source, table: params.table! })),
});

export const resources = [schemaResource, tableResource];

import { NotFoundError } from '@toolbridge/core';
import type { SourceConfig } from '../config/settings.js';
import type { EngineSession } from '../engine/types.js';
import { policyIsActive, refuseBy, type TableRef, tableLabel, tablePolicyRefusal } from '../policy/tables.js';
import type { Source } from '../sources.js';
import { catalogFor } from './index.js';
import type { ColumnLine, ForeignKey, SchemaSummary, TableDescription, TableFilter, TableSummary } from './types.js';

/** The catalog as the table policy lets it be seen: what a statement could not read is left out. */
export interface CatalogView {
  schemas(): Promise<SchemaSummary[]>;
  /** Tables and views a statement could read; `hidden` counts the others. */
  tables(filter: TableFilter): Promise<{ tables: TableSummary[]; hidden: number }>;
  /** One table or view, keys to hidden tables left out; refused when it is hidden, NotFound when missing. */
  describe(table: string, schema: string | undefined): Promise<TableDescription>;
  /** The columns of every table a statement could read. */
  columns(): Promise<ColumnLine[]>;
}

/** "schema.table" or "table"; the schema argument wins when both name one. */
export function splitTableName(table: string, schema: string | undefined): { schema: string | undefined; table: string } {
  if (schema) return { schema, table };
  const dot = table.indexOf('.');
  return dot > 0 ? { schema: table.slice(0, dot), table: table.slice(dot + 1) } : { schema: undefined, table };
}

const refOf = (label: string): TableRef => {
  const { schema, table } = splitTableName(label, undefined);
  return schema ? { schema, name: table } : { name: table };
};

/** Runs `work` against the source's catalog in one read-only session. */
export async function withCatalog<T>(source: Source, work: (catalog: CatalogView) => Promise<T>): Promise<T> {
  const driver = await source.driver();
  return driver.withSession(source.queryTimeout, (session) => work(catalogView(source, session)));
}

function catalogView(source: SourceConfig, session: EngineSession): CatalogView {
  const raw = catalogFor(source.dsn.dialect, session.query);
  const { policy } = source;
  const active = policyIsActive(policy);
  const visibleKey = (key: ForeignKey) => !tablePolicyRefusal(refOf(key.references_table), policy);

  /** Labels of the entries a statement could not read: by name, or through what reading them reads. */
  async function hiddenAmong(entries: ReadonlyArray<TableRef & { schema: string }>): Promise<Set<string>> {
    if (!active) return new Set();
    const hidden = new Set(entries.filter((entry) => tablePolicyRefusal(entry, policy)).map(tableLabel));
    const rest = entries.filter((entry) => !hidden.has(tableLabel(entry)));
    const { catalogResolutions, resolutionRefusal } = await import('../policy/index.js');
    for (const [label, resolution] of await catalogResolutions(source.dsn.dialect, session, rest)) {
      if (resolutionRefusal(resolution, policy)) hidden.add(label);
    }
    return hidden;
  }

  return {
    schemas: () => raw.schemas(),
    tables: async (filter) => {
      const all = await raw.tables(filter);
      const hidden = await hiddenAmong(all);
      return { tables: all.filter((table) => !hidden.has(tableLabel(table))), hidden: hidden.size };
    },
    describe: async (table, schema) => {
      const name = splitTableName(table, schema);
      const asWritten = tablePolicyRefusal(name.schema ? { schema: name.schema, name: name.table } : { name: name.table }, policy);
      if (asWritten) refuseBy(asWritten);
      const found = await raw.describe(name.schema, name.table);
      if (!found) {
        throw new NotFoundError(`no table or view ${table} in source ${source.id}`, { hint: 'List them with db_list_tables (names are case-sensitive).' });
      }
      const named = tablePolicyRefusal(found, policy);
      if (named) refuseBy(named);
      if (active) {
        const { catalogResolutions, resolutionRefusal } = await import('../policy/index.js');
        const [resolution] = (await catalogResolutions(source.dsn.dialect, session, [found])).values();
        const refusal = resolution && resolutionRefusal(resolution, policy);
        if (refusal) refuseBy(refusal);
      }
      return {
        ...found,
        foreign_keys: found.foreign_keys.filter(visibleKey),
        referenced_by: found.referenced_by.filter((key) => !tablePolicyRefusal(refOf(key.table), policy)),
      };
    },
    columns: async () => {
      const lines = await raw.columns(undefined);
      const tables = [...new Map(lines.map((line) => [`${line.schema}.${line.table}`, { schema: line.schema, name: line.table }])).values()];
      const hidden = await hiddenAmong(tables);
      return lines.filter((line) => !hidden.has(`${line.schema}.${line.table}`));
    },
  };
}

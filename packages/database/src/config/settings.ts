import { ConfigError, type ServerContext } from '@toolbridge/core';
import * as z from 'zod';
import type { TablePolicy } from '../guard/index.js';
import { type MaskPattern, parseMaskPatterns } from '../mask/patterns.js';
import { type ParsedDsn, parseDsn } from './dsn.js';

const tableList = z.array(z.string().min(1));
const sourceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected letters, digits, "_" or "-"');
/** PostgreSQL: the role reads run as (SET LOCAL ROLE); by default pg_read_all_data when the DSN's role can do more than read. */
const readRole = z.string().min(1).max(63);

export const sourceSchema = z.strictObject({
  id: sourceId,
  dsn: z.string().min(1),
  /** true makes this source read-only even when database.readOnly is false. */
  readOnly: z.boolean().optional(),
  /** Hard cap on max_rows for this source. */
  maxRows: z.number().int().min(1).max(100_000).optional(),
  /** ms */
  queryTimeout: z.number().int().min(100).max(600_000).optional(),
  allowedTables: tableList.optional(),
  deniedTables: tableList.optional(),
  poolSize: z.number().int().min(1).max(100).optional(),
  readRole: readRole.optional(),
  maskColumns: tableList.optional(),
});

/** The `database` section of the config file. */
export const settingsSchema = z.strictObject({
  /** The default source's DSN (DATABASE_URL or --dsn). */
  dsn: z.string().min(1).optional(),
  /** Open the bundled SQLite demo database (--demo). */
  demo: z.boolean().default(false),
  sources: z.array(sourceSchema).default([]),
  poolSize: z.number().int().min(1).max(100).default(5),
  maxRows: z.number().int().min(1).max(100_000).default(1_000),
  queryTimeout: z.number().int().min(100).max(600_000).default(30_000),
  /** Characters a single cell keeps before it is cut with a marker. */
  maxCellChars: z.number().int().min(16).max(1_000_000).default(1_000),
  /** Bytes (as JSON) a query result may hold; rows beyond it are not fetched. */
  maxResultBytes: z.number().int().min(1_024).max(100_000_000).default(1_000_000),
  /** false enables db_execute (a source with readOnly: true stays read-only; --read-only wins). */
  readOnly: z.boolean().optional(),
  /** When set, only these tables may be read ("table" or "schema.table", case-insensitive). */
  allowedTables: tableList.optional(),
  /** These tables may never be read, through views, partitions, functions or catalogs either. */
  deniedTables: tableList.optional(),
  readRole: readRole.optional(),
  /** Columns whose values db_query returns masked ("table.column", "schema.table.column", "*.column"). */
  maskColumns: tableList.optional(),
});
export type DatabaseSettings = z.output<typeof settingsSchema>;

export interface SourceConfig {
  id: string;
  dsn: ParsedDsn;
  readOnly: boolean;
  maxRows: number;
  queryTimeout: number;
  poolSize: number;
  policy: TablePolicy;
  /** database.maskColumns and the source's own. */
  masked?: MaskPattern[] | undefined;
  /** PostgreSQL: the configured role reads run as. */
  readRole?: string | undefined;
  maxCellChars: number;
  maxResultBytes: number;
  demo: boolean;
}

export const DEFAULT_MAX_ROWS = 200;
export const DEMO_DENIED_TABLES = ['admin_logs', 'api_keys'];

/** The read-only switch: database.readOnly (true unless set false), which --read-only forces on. */
const readOnlyOf = (context: ServerContext<DatabaseSettings>) => (context.settings.readOnly ?? true) || context.config.selection.readOnly;

/** Writes are possible only when database.readOnly is false and at least one source is not pinned read-only. */
export function anySourceWritable(context: ServerContext<DatabaseSettings>): boolean {
  if (readOnlyOf(context)) return false;
  const settings = context.settings;
  return Boolean(settings.dsn) || settings.demo || settings.sources.some((source) => source.readOnly !== true);
}

/** Every configured source (DATABASE_URL, the config's list, the demo); throws ConfigError naming the bad key. */
export function resolveSources(context: ServerContext<DatabaseSettings>, demoFile?: () => string): SourceConfig[] {
  const settings = context.settings;
  const readOnly = readOnlyOf(context);
  const common = {
    maxCellChars: settings.maxCellChars,
    maxResultBytes: settings.maxResultBytes,
  };
  const make = (id: string, dsn: string, key: string, extra: z.output<typeof sourceSchema> | undefined, demo = false): SourceConfig => {
    const denied = [...(settings.deniedTables ?? (demo ? DEMO_DENIED_TABLES : [])), ...(extra?.deniedTables ?? [])];
    const allowed = extra?.allowedTables ?? settings.allowedTables;
    const role = extra?.readRole ?? settings.readRole;
    return {
      id,
      dsn: parseDsn(dsn, key),
      readOnly: readOnly || extra?.readOnly === true,
      maxRows: extra?.maxRows ?? settings.maxRows,
      queryTimeout: extra?.queryTimeout ?? settings.queryTimeout,
      poolSize: extra?.poolSize ?? settings.poolSize,
      policy: { ...(allowed ? { allowedTables: allowed } : {}), deniedTables: denied },
      masked: [
        ...parseMaskPatterns(settings.maskColumns ?? [], 'database.maskColumns'),
        ...parseMaskPatterns(extra?.maskColumns ?? [], `database.sources[${settings.sources.indexOf(extra as never)}].maskColumns`),
      ],
      ...(role ? { readRole: role } : {}),
      demo,
      ...common,
    };
  };
  const sources: SourceConfig[] = [];
  if (settings.dsn) sources.push(make('default', settings.dsn, 'database.dsn (DATABASE_URL or --dsn)', undefined));
  for (const [index, source] of settings.sources.entries()) sources.push(make(source.id, source.dsn, `database.sources[${index}].dsn`, source));
  if (settings.demo && !settings.dsn) {
    if (!demoFile) throw new ConfigError('database.demo', 'the demo database is not available here');
    sources.push(make('demo', `sqlite:${demoFile()}`, 'database.demo', undefined, true));
  }
  const seen = new Set<string>();
  for (const source of sources) {
    if (seen.has(source.id))
      throw new ConfigError('database.sources', `source id "${source.id}" is used twice`, {
        hint: 'Give every source its own id ("default" is taken by DATABASE_URL / --dsn).',
      });
    seen.add(source.id);
  }
  if (!sources.length) {
    throw new ConfigError('database.dsn', 'no database configured', {
      hint: 'Set DATABASE_URL (or --dsn), list sources in the config file\'s "database.sources", or run with --demo for the bundled SQLite demo.',
    });
  }
  return sources;
}

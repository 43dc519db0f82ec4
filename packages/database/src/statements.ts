import type { SourceConfig } from './config/settings.js';
import { CATALOG_LIMITS, rowObjects } from './engine/rows.js';
import type { QueryResult, ReadRequest } from './engine/types.js';
import type { Dialect, ReadCheck, TablePolicy, WriteCheck } from './guard/index.js';
import type { MaskPlan } from './mask/index.js';
import { RecentMap } from './recent.js';
import type { Source } from './sources.js';

export interface ReadInput {
  sql: string;
  params?: readonly unknown[] | undefined;
  maxRows: number;
  signal?: AbortSignal | undefined;
  /** The client's output budget (characters of JSON): rows beyond it would be cut anyway, so they are not fetched. */
  outputBudget?: number | undefined;
}

/** A module loaded at its first use, then kept: import() costs a trip through the module loader at every call. */
function lazily<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    if (!loaded) {
      loaded = load();
      loaded.catch(() => {
        loaded = undefined;
      });
    }
    return loaded;
  };
}

/** The SQL guard, its parsers and the table policy's resolvers load with the first statement, not at start-up. */
const guard = lazily(() => import('./guard/index.js'));
const policy = lazily(() => import('./policy/index.js'));
const masking = lazily(() => import('./mask/index.js'));

/**
 * The guard's verdicts on statements it accepted, by dialect and text, per table policy (a source's,
 * fixed for the server's life): the guard is a pure function of the three, and parsing is most of a
 * small query's cost. Refusals are not kept; long statements neither. The least recently used goes first.
 */
const verdicts = new WeakMap<TablePolicy, RecentMap<string, Promise<ReadCheck>>>();
const VERDICTS_KEPT = 256;
const VERDICT_MAX_SQL = 10_000;

export function checkRead(sql: string, dialect: Dialect, tablePolicy: TablePolicy): Promise<ReadCheck> {
  if (sql.length > VERDICT_MAX_SQL) return guard().then((loaded) => loaded.checkReadOnlySql(sql, dialect, tablePolicy));
  let known = verdicts.get(tablePolicy);
  if (!known) {
    known = new RecentMap(VERDICTS_KEPT);
    verdicts.set(tablePolicy, known);
  }
  const key = `${dialect}\u0000${sql}`;
  let verdict = known.get(key);
  if (!verdict) {
    const checked = guard().then((loaded) => loaded.checkReadOnlySql(sql, dialect, tablePolicy));
    const kept = known;
    checked.catch(() => kept.get(key) === checked && kept.delete(key));
    known.set(key, checked);
    verdict = checked;
  }
  return verdict;
}

export async function checkWrite(sql: string, dialect: Dialect, tablePolicy: TablePolicy): Promise<WriteCheck> {
  return (await guard()).checkWriteSql(sql, dialect, tablePolicy);
}

/** db_execute's checks: the guard, and database.maskColumns (a write may not copy or return a masked column). */
export async function checkedWrite(source: SourceConfig, sql: string): Promise<WriteCheck> {
  const check = await checkWrite(sql, source.dsn.dialect, source.policy);
  if (source.masked?.length) (await masking()).refuseMaskedWrite(sql, source.masked);
  return check;
}

/**
 * A read that passed the guard, with the check its connection runs first (what the engine will read,
 * against the policy) and how its result is masked (database.maskColumns, which may refuse it too).
 */
export async function checkedRead(source: SourceConfig, sql: string): Promise<{ check: ReadCheck; admit: ReadRequest['admit']; mask?: MaskPlan | undefined }> {
  const check = await checkRead(sql, source.dsn.dialect, source.policy);
  const tables = (await policy()).admissionFor(source.dsn.dialect, check, source.policy);
  if (!source.masked?.length) return { check, admit: tables };
  const named = check.sqlite ? check.sqlite.written.map((name) => ({ name })) : check.named.relations;
  const mask = await (await masking()).maskPlanFor(sql, source.dsn.dialect, source.masked, named);
  const through = (await import('./mask/through.js')).maskAdmission(source.dsn.dialect, check, source.masked);
  const admit: ReadRequest['admit'] = through
    ? async (session) => {
        await tables?.(session);
        await through(session);
      }
    : tables;
  return { check, admit, mask };
}

/** Room left in the output budget for column names, counts and notes. */
const OUTPUT_OVERHEAD = 2_000;

/** Layer 1 (the guard) and the table policy, then layers 2-5 and 7 (the driver): the only way user SQL reaches a database for reading. */
export async function runUserRead(source: Source, input: ReadInput): Promise<QueryResult> {
  const { admit, mask: plan } = await checkedRead(source, input.sql);
  const driver = await source.driver();
  const read = driver.read({
    sql: input.sql,
    params: input.params ?? [],
    maxRows: Math.min(input.maxRows, source.maxRows),
    timeoutMs: source.queryTimeout,
    signal: input.signal,
    admit,
    ...(input.outputBudget ? { maxResultBytes: Math.min(source.maxResultBytes, Math.max(1_024, input.outputBudget - OUTPUT_OVERHEAD)) } : {}),
  });
  return plan ? (await masking()).maskedRead(read, plan) : read;
}

/** Our own catalog SQL (constant text, values bound as parameters), still inside the read-only session. */
export async function runCatalogQuery(source: Source, sql: string, params: readonly unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const driver = await source.driver();
  return rowObjects(await driver.read({ sql, params, timeoutMs: source.queryTimeout, ...CATALOG_LIMITS }));
}

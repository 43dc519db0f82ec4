import type { SourceConfig } from './config/settings.js';
import { driverFor } from './engine/drivers.js';
import type { QueryResult } from './engine/types.js';
import type { Dialect, ReadCheck, TablePolicy, WriteCheck } from './guard/index.js';

export interface ReadInput {
  sql: string;
  params?: readonly unknown[] | undefined;
  maxRows: number;
  signal?: AbortSignal | undefined;
  /** The client's output budget (characters of JSON): rows beyond it would be cut anyway, so they are not fetched. */
  outputBudget?: number | undefined;
}

/** The SQL guard and its parsers load with the first statement, not at start-up. */
const guard = () => import('./guard/index.js');

export async function checkRead(sql: string, dialect: Dialect, policy: TablePolicy): Promise<ReadCheck> {
  return (await guard()).checkReadOnlySql(sql, dialect, policy);
}

export async function checkWrite(sql: string, dialect: Dialect, policy: TablePolicy): Promise<WriteCheck> {
  return (await guard()).checkWriteSql(sql, dialect, policy);
}

/** Room left in the output budget for column names, counts and notes. */
const OUTPUT_OVERHEAD = 2_000;

/** Layer 1 (the guard) then layers 2-5 and 7 (the driver): the only way user SQL reaches a database for reading. */
export async function runUserRead(source: SourceConfig, input: ReadInput): Promise<QueryResult> {
  await checkRead(input.sql, source.dsn.dialect, source.policy);
  const driver = await driverFor(source);
  return driver.read({
    sql: input.sql,
    params: input.params ?? [],
    maxRows: Math.min(input.maxRows, source.maxRows),
    timeoutMs: source.queryTimeout,
    signal: input.signal,
    ...(input.outputBudget ? { maxResultBytes: Math.min(source.maxResultBytes, Math.max(1_024, input.outputBudget - OUTPUT_OVERHEAD)) } : {}),
  });
}

/** Our own catalog SQL (constant text, values bound as parameters), still inside the read-only session. */
export async function runCatalogQuery(source: SourceConfig, sql: string, params: readonly unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const driver = await driverFor(source);
  const result = await driver.read({ sql, params, maxRows: 20_000, maxCellChars: 100_000, timeoutMs: source.queryTimeout });
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column.name, row[index]])));
}

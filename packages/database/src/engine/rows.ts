import type { Column, QueryResult, WriteResult } from './types.js';

export interface CellLimits {
  maxCellChars: number;
  maxResultBytes: number;
}

/** A cut cell ends with `…[cut: <total length> chars]` (also written by the engines that cut on the server). */
export const CUT_PREFIX = '…[cut: ';
export const CUT_SUFFIX = ' chars]';
const CUT = (total: number) => `${CUT_PREFIX}${total}${CUT_SUFFIX}`;

/** Makes one value JSON-safe and small: binary becomes a size summary, long text is cut with a marker. */
export function normalizeCell(value: unknown, maxChars: number): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean') return Number.isFinite(value) || typeof value === 'boolean' ? value : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof Uint8Array) return `[binary ${value.byteLength} bytes]`;
  if (typeof value === 'string') return cutText(value, maxChars);
  const json = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
  if (json === undefined) return String(value);
  return json.length > maxChars ? cutText(json, maxChars) : value;
}

const ALREADY_CUT = /\u2026\[cut: \d+ chars\]$/;

/** Idempotent: text cut once (e.g. by the SQLite worker) is not cut again. */
function cutText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = ALREADY_CUT.exec(text);
  if (marker && marker.index <= maxChars) return text;
  return `${text.slice(0, maxChars)}${CUT(text.length)}`;
}

/** The cell and byte limits for one request. */
export function limitsFor(source: CellLimits, request: { maxCellChars?: number | undefined; maxResultBytes?: number | undefined }): CellLimits {
  return {
    maxCellChars: request.maxCellChars ?? source.maxCellChars,
    maxResultBytes: request.maxResultBytes ?? Math.max(source.maxResultBytes, request.maxCellChars ?? 0),
  };
}

/**
 * Collects rows until max_rows + 1 (to know there were more) or the byte budget is spent. `push` says
 * whether to keep fetching, so drivers stop pulling from their cursor as soon as the answer is known.
 */
export class RowCollector {
  readonly rows: unknown[][] = [];
  private bytes = 0;
  private more = false;
  private cutBy: QueryResult['truncated_by'];

  constructor(
    private readonly maxRows: number,
    private readonly limits: CellLimits,
  ) {}

  push(raw: readonly unknown[]): boolean {
    if (this.rows.length >= this.maxRows) {
      this.more = true;
      this.cutBy = 'max_rows';
      return false;
    }
    const row = raw.map((value) => normalizeCell(value, this.limits.maxCellChars));
    const size = JSON.stringify(row).length + 1;
    if (this.bytes + size > this.limits.maxResultBytes && this.rows.length > 0) {
      this.more = true;
      this.cutBy = 'bytes';
      return false;
    }
    this.bytes += size;
    this.rows.push(row);
    return true;
  }

  /** Rows wanted before the collector is full (plus the one that tells "there is more"). */
  get wanted(): number {
    return this.maxRows + 1 - this.rows.length;
  }

  result(columns: Column[], started: number): QueryResult {
    return {
      columns,
      rows: this.rows,
      row_count: this.rows.length,
      truncated: this.more,
      ...(this.cutBy ? { truncated_by: this.cutBy } : {}),
      elapsed_ms: Math.round(performance.now() - started),
    };
  }
}

/** Our own catalog SQL reads many rows and keeps long cells (view definitions, plans) whole. */
export const CATALOG_LIMITS = { maxRows: 20_000, maxCellChars: 100_000 } as const;

/** Rows as objects keyed by column name, for our own catalog SQL. */
export function rowObjects(result: QueryResult): Array<Record<string, unknown>> {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column.name, row[index]])));
}

/** The statement's first keyword (INSERT, UPDATE...), for drivers that do not report the command. */
export const firstKeyword = (sql: string): string => /[A-Za-z]+/.exec(sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/, ''))?.[0]?.toUpperCase() ?? 'UNKNOWN';

/** A write's outcome with its returned rows, bounded like a read. */
export function writeResult(command: string, affectedRows: number, columns: Column[], collector: RowCollector, started: number): WriteResult {
  const { rows, truncated, elapsed_ms } = collector.result(columns, started);
  return { command, affected_rows: affectedRows, columns, rows, truncated, elapsed_ms };
}

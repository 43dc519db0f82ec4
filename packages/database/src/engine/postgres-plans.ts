import type { FieldDef } from 'pg';
import { RecentMap } from '../recent.js';
import type { BoundedStatement } from './bounded-cells.js';

/**
 * How a statement was read last time: its columns, and its bounded form with every cell capped (wide ones
 * cut, fixed-size ones capped at a size no such type reaches), which is safe to run before knowing whether
 * the columns are still the same. The next read sends that form together with a fresh description, in one
 * round trip, and keeps the rows only if the description still matches.
 */
export interface ReadPlan extends BoundedStatement {
  columns: readonly FieldDef[];
  /** The most characters one row can take (the byte budget decides between one batch and a cursor). */
  rowChars: number;
}

const PLANS_KEPT = 256;
const PLAN_MAX_SQL = 10_000;

/** Read plans by statement text and cell limit, the least recently used dropped first; `false`: never read in one round trip. */
export class ReadPlans {
  private readonly plans = new RecentMap<string, ReadPlan | false>(PLANS_KEPT);

  get(sql: string, maxCellChars: number): ReadPlan | false | undefined {
    return this.plans.get(keyOf(sql, maxCellChars));
  }

  set(sql: string, maxCellChars: number, plan: ReadPlan | false): void {
    if (sql.length <= PLAN_MAX_SQL) this.plans.set(keyOf(sql, maxCellChars), plan);
  }

  forget(sql: string, maxCellChars: number): void {
    this.plans.delete(keyOf(sql, maxCellChars));
  }
}

const keyOf = (sql: string, maxCellChars: number) => `${maxCellChars}\u0000${sql}`;

/** The same columns: names and types, in order. */
export function sameColumns(fresh: readonly FieldDef[] | undefined, known: readonly FieldDef[]): boolean {
  return fresh?.length === known.length && fresh.every((field, index) => field.name === known[index]?.name && field.dataTypeID === known[index]?.dataTypeID);
}

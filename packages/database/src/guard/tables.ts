import { refuse } from './rules.js';

/** A table named by a statement, as the dialect resolves the name (quoted case kept, unquoted folded). */
export interface TableRef {
  schema?: string;
  name: string;
}

export interface TablePolicy {
  /** When set, only these tables may be read ("name" or "schema.name", case-insensitive). */
  allowedTables?: readonly string[];
  deniedTables?: readonly string[];
}

export function tableLabel(table: TableRef): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}

/** Unique labels in first-seen order. */
export function tableLabels(tables: readonly TableRef[]): string[] {
  return [...new Set(tables.map(tableLabel))];
}

interface PolicyEntry {
  schema?: string;
  name: string;
}

function parseEntry(entry: string): PolicyEntry {
  const lower = entry.trim().toLowerCase();
  const dot = lower.lastIndexOf('.');
  if (dot < 0) return { name: lower };
  return { schema: lower.slice(0, dot), name: lower.slice(dot + 1) };
}

/**
 * "name" matches that table in any schema; "schema.name" matches it qualified, and unqualified too,
 * because an unqualified name may resolve to that schema through the search path.
 */
function matches(table: TableRef, entry: PolicyEntry): boolean {
  if (table.name.toLowerCase() !== entry.name) return false;
  if (entry.schema === undefined || table.schema === undefined) return true;
  return table.schema.toLowerCase() === entry.schema;
}

export function enforceTablePolicy(tables: readonly TableRef[], policy: TablePolicy): void {
  const denied = (policy.deniedTables ?? []).map(parseEntry);
  for (const table of tables) {
    if (denied.some((entry) => matches(table, entry))) {
      refuse(
        'security.deniedTables',
        `table ${tableLabel(table)} is denied by security.deniedTables`,
        'Query other tables; this one is off limits for this server.',
      );
    }
  }
  if (policy.allowedTables === undefined) return;
  const allowed = policy.allowedTables.map(parseEntry);
  for (const table of tables) {
    if (!allowed.some((entry) => matches(table, entry))) {
      refuse(
        'security.allowedTables',
        `table ${tableLabel(table)} is not in security.allowedTables`,
        `Only these tables may be queried: ${policy.allowedTables.join(', ') || '(none)'}.`,
      );
    }
  }
}

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

export interface TablePolicyRefusal {
  rule: 'security.deniedTables' | 'security.allowedTables';
  message: string;
  hint: string;
}

/** Why the policy refuses one table, or undefined when it may be used (also for catalog tools). */
export function tablePolicyRefusal(table: TableRef, policy: TablePolicy): TablePolicyRefusal | undefined {
  if ((policy.deniedTables ?? []).map(parseEntry).some((entry) => matches(table, entry))) {
    return {
      rule: 'security.deniedTables',
      message: `table ${tableLabel(table)} is denied by security.deniedTables`,
      hint: 'Query other tables; this one is off limits for this server.',
    };
  }
  if (policy.allowedTables && !policy.allowedTables.map(parseEntry).some((entry) => matches(table, entry))) {
    return {
      rule: 'security.allowedTables',
      message: `table ${tableLabel(table)} is not in security.allowedTables`,
      hint: `Only these tables may be queried: ${policy.allowedTables.join(', ') || '(none)'}.`,
    };
  }
  return undefined;
}

/** Denied tables are reported before tables missing from the allow-list, whatever their order. */
export function enforceTablePolicy(tables: readonly TableRef[], policy: TablePolicy): void {
  const refusals = tables.map((table) => tablePolicyRefusal(table, policy)).filter((refusal) => refusal !== undefined);
  const refusal = refusals.find((candidate) => candidate.rule === 'security.deniedTables') ?? refusals[0];
  if (refusal) refuse(refusal.rule, refusal.message, refusal.hint);
}

import { PolicyError } from '@toolbridge/core';

/** A table (or view, or function) by name, as the dialect resolves it (quoted case kept, unquoted folded). */
export interface TableRef {
  schema?: string;
  name: string;
}

export interface TablePolicy {
  /** When set, only these tables may be read ("name" or "schema.name", case-insensitive). */
  allowedTables?: readonly string[];
  deniedTables?: readonly string[];
}

export const DENIED_RULE = 'database.deniedTables';
export const ALLOWED_RULE = 'database.allowedTables';
export type PolicyRule = typeof DENIED_RULE | typeof ALLOWED_RULE;

export function tableLabel(table: TableRef): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}

/** Unique labels in first-seen order. */
export function tableLabels(tables: readonly TableRef[]): string[] {
  return [...new Set(tables.map(tableLabel))];
}

/** Whether a deny or allow list is set: only then is what a statement reads resolved through the catalogs. */
export function policyIsActive(policy: TablePolicy): boolean {
  return Boolean(policy.deniedTables?.length) || policy.allowedTables !== undefined;
}

/** The rule a refusal names when the policy itself cannot decide: the deny list if there is one. */
export function activeRule(policy: TablePolicy): PolicyRule {
  return policy.deniedTables?.length ? DENIED_RULE : ALLOWED_RULE;
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
  rule: PolicyRule;
  message: string;
  hint: string;
}

export function isDenied(table: TableRef, policy: TablePolicy): boolean {
  return (policy.deniedTables ?? []).map(parseEntry).some((entry) => matches(table, entry));
}

/**
 * Why the policy refuses one table, or undefined when it may be read. The one check behind every
 * statement and every catalog tool. `via` is what the statement named when the table is read through
 * it (a view, a parent, a function): the refusal then names only that, never the hidden table.
 */
export function tablePolicyRefusal(table: TableRef, policy: TablePolicy, via?: string): TablePolicyRefusal | undefined {
  if (isDenied(table, policy)) {
    return {
      rule: DENIED_RULE,
      message: via ? `${via} reads a table that ${DENIED_RULE} denies` : `table ${tableLabel(table)} is denied by ${DENIED_RULE}`,
      hint: 'Query other tables; this one is off limits for this server.',
    };
  }
  if (policy.allowedTables && !policy.allowedTables.map(parseEntry).some((entry) => matches(table, entry))) {
    return {
      rule: ALLOWED_RULE,
      message: via ? `${via} reads a table that is not in ${ALLOWED_RULE}` : `table ${tableLabel(table)} is not in ${ALLOWED_RULE}`,
      hint: `Only these tables may be queried: ${policy.allowedTables.join(', ') || '(none)'}.`,
    };
  }
  return undefined;
}

export function refuseBy(refusal: TablePolicyRefusal): never {
  throw new PolicyError(refusal.rule, refusal.message, { hint: refusal.hint });
}

/** Denied tables are reported before tables missing from the allow-list, whatever their order. */
export function enforceTablePolicy(tables: readonly TableRef[], policy: TablePolicy): void {
  const refusals = tables.map((table) => tablePolicyRefusal(table, policy)).filter((refusal) => refusal !== undefined);
  const refusal = refusals.find((candidate) => candidate.rule === DENIED_RULE) ?? refusals[0];
  if (refusal) refuseBy(refusal);
}

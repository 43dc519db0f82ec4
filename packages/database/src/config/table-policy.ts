import type { TablePolicy } from '../guard/index.js';

const matches = (entry: string, schema: string | undefined, name: string): boolean => {
  const wanted = entry.toLowerCase();
  const bare = name.toLowerCase();
  return wanted === bare || (schema !== undefined && wanted === `${schema.toLowerCase()}.${bare}`);
};

export interface TableRefusal {
  rule: 'security.deniedTables' | 'security.allowedTables';
  reason: string;
}

/** Why the catalog tools may not show a table, or undefined when they may. */
export function tableRefusal(policy: TablePolicy, schema: string | undefined, name: string): TableRefusal | undefined {
  if (policy.deniedTables?.some((entry) => matches(entry, schema, name))) return { rule: 'security.deniedTables', reason: 'it is in deniedTables' };
  if (policy.allowedTables && !policy.allowedTables.some((entry) => matches(entry, schema, name)))
    return { rule: 'security.allowedTables', reason: 'it is not in allowedTables' };
  return undefined;
}

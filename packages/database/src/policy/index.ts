import type { EngineSession } from '../engine/types.js';
import type { Dialect, ReadCheck } from '../guard/index.js';
import { mysqlNamedObjects } from '../guard/node-sql-parser/check.js';
import { resolveMysql } from './mysql.js';
import { resolvePostgres } from './postgres.js';
import { enforceResolution, type Resolution } from './resolution.js';
import { admitSqliteRead, sqliteObjectReads } from './sqlite.js';
import { policyIsActive, type TablePolicy, type TableRef, tableLabel } from './tables.js';

export { resolutionRefusal } from './resolution.js';

export type Admission = (session: EngineSession) => Promise<void>;

/**
 * The check a read passes on its own connection, before it runs: what it will read, resolved through the
 * engine (views, partitions, inheritance, functions; SQLite's compiled program), against the table policy.
 * SQLite always needs one (its compiled program also decides the function deny list); the others only
 * when a deny or allow list is set.
 */
export function admissionFor(dialect: Dialect, check: ReadCheck, policy: TablePolicy): Admission | undefined {
  if (check.sqlite) {
    const read = check.sqlite;
    return (session) => admitSqliteRead(session, read, policy);
  }
  if (!policyIsActive(policy)) return undefined;
  switch (dialect) {
    case 'postgres':
      return async (session) => enforceResolution(await resolvePostgres(session.query, check.named), policy);
    case 'mysql':
      return async (session) => enforceResolution(await resolveMysql(session.query, check.named, mysqlNamedObjects), policy);
    case 'sqlite':
      return undefined;
  }
}

/**
 * What reading each catalog entry would read, for hiding the ones a statement could not read from catalog
 * answers (a view over a denied table, the parent of a denied partition). Keyed by "schema.name".
 */
export async function catalogResolutions(
  dialect: Dialect,
  session: EngineSession,
  refs: ReadonlyArray<TableRef & { schema: string }>,
): Promise<Map<string, Resolution>> {
  const byLabel = new Map<string, Resolution>(refs.map((ref) => [tableLabel(ref), { relations: [], opaque: [] }]));
  if (dialect === 'postgres') {
    const all = await resolvePostgres(session.query, { relations: refs, functions: [], operators: [] });
    for (const relation of all.relations)
      byLabel.get(relation.via ?? '')?.relations.push({ ...relation, via: relation.via === tableLabel(relation) ? undefined : relation.via });
    for (const code of all.opaque) byLabel.get(code.via ?? '')?.opaque.push(code);
    return byLabel;
  }
  for (const ref of refs) {
    // A view SQLite refuses to compile (an unsafe function, with trusted_schema off) can be read by nothing.
    const resolution =
      dialect === 'mysql'
        ? await resolveMysql(session.query, { relations: [ref], functions: [], operators: [] }, mysqlNamedObjects)
        : await sqliteObjectReads(session, ref).catch(() => ({ relations: [], opaque: [] }));
    byLabel.set(tableLabel(ref), resolution);
  }
  return byLabel;
}

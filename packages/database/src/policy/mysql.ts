import type { QueryFn } from '../catalog/types.js';
import type { NamedObjects } from '../guard/types.js';
import type { ReadRelation, Resolution } from './resolution.js';
import { type TableRef, tableLabel } from './tables.js';

export const MYSQL_SYSTEM_SCHEMAS = new Set(['information_schema', 'mysql', 'performance_schema', 'sys']);
/** Engines whose rows live in other tables or on other servers. */
const EXTERNAL_ENGINES = new Set(['mrg_myisam', 'merge', 'federated', 'connect', 'spider']);
/** Views within views: deeper nesting than this is refused rather than followed. */
const MAX_DEPTH = 16;

/** Reads a view definition (the server's canonical SELECT) back into what it names. */
export type ViewParser = (definition: string) => Promise<NamedObjects>;

const RELATION = `SELECT t.TABLE_SCHEMA AS \`schema\`, t.TABLE_NAME AS name, t.TABLE_TYPE AS type, t.ENGINE AS engine, v.VIEW_DEFINITION AS definition
  FROM information_schema.TABLES t LEFT JOIN information_schema.VIEWS v ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME
  WHERE t.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND t.TABLE_NAME = ?`;

const ROUTINE = `SELECT ROUTINE_SCHEMA AS \`schema\`, ROUTINE_NAME AS name FROM information_schema.ROUTINES
  WHERE ROUTINE_TYPE = 'FUNCTION' AND ROUTINE_SCHEMA = COALESCE(?, DATABASE()) AND ROUTINE_NAME = ?`;

/**
 * Everything the named objects make MySQL/MariaDB read: views are followed through their definitions
 * (information_schema.VIEWS, read back with the SQL checker's parser), MERGE/FEDERATED/CONNECT/SPIDER
 * tables are external, system schemas are catalogs, and a stored function is opaque (its body is text).
 */
export async function resolveMysql(query: QueryFn, named: NamedObjects, parseView: ViewParser): Promise<Resolution> {
  const resolution: Resolution = { relations: [], opaque: [] };
  const seen = new Set<string>();

  const functions = async (refs: readonly TableRef[], defaultSchema: string | undefined, via: string | undefined) => {
    for (const ref of refs) {
      for (const row of await query(ROUTINE, [ref.schema ?? defaultSchema ?? null, ref.name])) {
        resolution.opaque.push({
          label: `stored function ${String(row.schema)}.${String(row.name)}()`,
          via,
          why: 'its body is kept as text, so the tables it reads are unknown',
        });
      }
    }
  };

  const relations = async (refs: readonly TableRef[], defaultSchema: string | undefined, via: string | undefined, depth: number): Promise<void> => {
    for (const ref of refs) {
      const schema = ref.schema ?? defaultSchema;
      const [row] = await query(RELATION, [schema ?? null, ref.name]);
      if (!row) {
        if (schema && MYSQL_SYSTEM_SCHEMAS.has(schema.toLowerCase())) resolution.relations.push({ schema, name: ref.name, class: 'system', via });
        continue;
      }
      const found: TableRef & { schema: string } = { schema: String(row.schema), name: String(row.name) };
      const key = tableLabel(found).toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const engine = String(row.engine ?? '').toLowerCase();
      const relation: ReadRelation = {
        ...found,
        via,
        class: MYSQL_SYSTEM_SCHEMAS.has(found.schema.toLowerCase()) ? 'system' : EXTERNAL_ENGINES.has(engine) ? 'external' : 'table',
      };
      resolution.relations.push(relation);
      if (row.type !== 'VIEW' || relation.class !== 'table') continue;
      const through = via ?? tableLabel(ref);
      const definition = typeof row.definition === 'string' ? row.definition : '';
      if (!definition || depth >= MAX_DEPTH) {
        resolution.opaque.push({
          label: `view ${tableLabel(found)}`,
          via: through,
          why: definition ? 'its views are nested too deep to follow' : 'its definition is not visible to this account (SHOW VIEW)',
        });
        continue;
      }
      const inner = await parseView(definition).catch(() => undefined);
      if (!inner) {
        resolution.opaque.push({ label: `view ${tableLabel(found)}`, via: through, why: 'its definition cannot be read by the SQL checker' });
        continue;
      }
      await relations(inner.relations, found.schema, through, depth + 1);
      await functions(inner.functions, found.schema, through);
    }
  };

  await relations(named.relations, undefined, undefined, 0);
  await functions(named.functions, undefined, undefined);
  return resolution;
}

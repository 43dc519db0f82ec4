import type { QueryFn } from '../catalog/types.js';
import type { NamedObjects } from '../guard/types.js';
import type { OpaqueCode, ReadRelation, Resolution } from './resolution.js';
import { type TableRef, tableLabel } from './tables.js';

const CLASS = "'pg_catalog.pg_class'::regclass";
const PROC = "'pg_catalog.pg_proc'::regclass";
const OPERATOR = "'pg_catalog.pg_operator'::regclass";
/** Unqualified names resolve along the search path (pg_catalog included), qualified ones in their schema. */
const IN_SCOPE = (alias: string) =>
  `CASE WHEN ${alias}.schema IS NULL THEN n.nspname = ANY (pg_catalog.current_schemas(true)) ELSE n.nspname = ${alias}.schema END`;

/**
 * Everything the named objects make the engine read: views and materialized views through their rewrite
 * rules' dependencies (pg_rewrite, pg_depend), partitions and inheritance children (pg_inherits), the
 * ancestors whose rows those hold, functions and operators through their dependencies. A function is
 * `opaque` when nothing records what it reads: a body kept as text, outside pg_catalog and extensions.
 */
const CLOSURE = `
WITH RECURSIVE
named_relations AS (
  SELECT r.label, pg_catalog.to_regclass(CASE WHEN r.schema IS NULL THEN pg_catalog.quote_ident(r.name) ELSE pg_catalog.quote_ident(r.schema) || '.' || pg_catalog.quote_ident(r.name) END)::oid AS oid
  FROM unnest($1::text[], $2::text[], $3::text[]) AS r(label, schema, name)
),
named_functions AS (
  SELECT f.label, p.oid FROM unnest($4::text[], $5::text[], $6::text[]) AS f(label, schema, name)
  JOIN pg_catalog.pg_proc p ON p.proname = f.name JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE ${IN_SCOPE('f')}
),
named_operators AS (
  SELECT o.label, p.oid FROM unnest($7::text[], $8::text[], $9::text[]) AS o(label, schema, name)
  JOIN pg_catalog.pg_operator p ON p.oprname = o.name JOIN pg_catalog.pg_namespace n ON n.oid = p.oprnamespace
  WHERE ${IN_SCOPE('o')}
),
reach(classid, objid, via, ancestor) AS (
  SELECT ${CLASS}::oid, oid, label, false FROM named_relations WHERE oid IS NOT NULL
  UNION SELECT ${PROC}::oid, oid, label, false FROM named_functions
  UNION SELECT ${OPERATOR}::oid, oid, label, false FROM named_operators
  UNION
  SELECT step.classid, step.objid, reach.via, step.ancestor FROM reach CROSS JOIN LATERAL (
    SELECT d.refclassid AS classid, d.refobjid AS objid, false AS ancestor
      FROM pg_catalog.pg_rewrite w JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = w.oid
     WHERE NOT reach.ancestor AND reach.classid = ${CLASS} AND w.ev_class = reach.objid AND d.refobjid <> reach.objid
    UNION ALL
    SELECT ${CLASS}, i.inhrelid, false FROM pg_catalog.pg_inherits i
     WHERE NOT reach.ancestor AND reach.classid = ${CLASS} AND i.inhparent = reach.objid
    UNION ALL
    SELECT ${CLASS}, i.inhparent, true FROM pg_catalog.pg_inherits i
     WHERE reach.classid = ${CLASS} AND i.inhrelid = reach.objid
    UNION ALL
    SELECT d.refclassid, d.refobjid, false FROM pg_catalog.pg_depend d
     WHERE reach.classid = ${PROC} AND d.classid = ${PROC} AND d.objid = reach.objid
    UNION ALL
    SELECT ${PROC}, o.oprcode::oid, false FROM pg_catalog.pg_operator o
     WHERE reach.classid = ${OPERATOR} AND o.oid = reach.objid
  ) step WHERE step.classid IN (${CLASS}, ${PROC}, ${OPERATOR})
)
SELECT 'relation' AS object, r.via, r.ancestor, n.nspname AS schema, c.relname AS name, c.relkind::text AS detail
  FROM reach r JOIN pg_catalog.pg_class c ON r.classid = ${CLASS} AND c.oid = r.objid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
UNION ALL
SELECT 'function', r.via, false, n.nspname, p.proname,
  CASE WHEN n.nspname IN ('pg_catalog', 'information_schema') OR p.prokind = 'a' OR (pg_catalog.to_jsonb(p) ->> 'prosqlbody') IS NOT NULL
         OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = ${PROC} AND e.objid = p.oid AND e.refclassid = 'pg_catalog.pg_extension'::regclass AND e.deptype = 'e')
       THEN 'resolved' ELSE 'opaque:' || l.lanname END
  FROM reach r JOIN pg_catalog.pg_proc p ON r.classid = ${PROC} AND p.oid = r.objid
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace JOIN pg_catalog.pg_language l ON l.oid = p.prolang`;

const columns = (refs: readonly TableRef[]) => [refs.map(tableLabel), refs.map((ref) => ref.schema ?? null), refs.map((ref) => ref.name)];

export const isPostgresSystemSchema = (schema: string): boolean => schema === 'pg_catalog' || schema === 'information_schema' || /^pg_toast/.test(schema);

export async function resolvePostgres(query: QueryFn, named: NamedObjects): Promise<Resolution> {
  if (!named.relations.length && !named.functions.length && !named.operators.length) return { relations: [], opaque: [] };
  const rows = await query(CLOSURE, [...columns(named.relations), ...columns(named.functions), ...columns(named.operators)]);
  const relations: ReadRelation[] = [];
  const opaque: OpaqueCode[] = [];
  for (const row of rows) {
    const schema = String(row.schema);
    const name = String(row.name);
    const via = String(row.via);
    const detail = String(row.detail);
    if (row.object === 'relation') {
      const external = detail === 'f';
      relations.push({
        schema,
        name,
        via,
        ancestor: row.ancestor === true,
        class: isPostgresSystemSchema(schema) ? 'system' : external ? 'external' : 'table',
      });
    } else if (detail.startsWith('opaque:')) {
      opaque.push({
        label: `function ${schema}.${name}()`,
        via: via === name || via === `${schema}.${name}` ? undefined : via,
        why: `its body is ${detail.slice('opaque:'.length)} kept as text, so the tables it reads are unknown`,
        hint: 'Query the tables directly instead; a SQL function whose body is written as BEGIN ATOMIC ... END can be resolved.',
      });
    }
  }
  return { relations, opaque };
}

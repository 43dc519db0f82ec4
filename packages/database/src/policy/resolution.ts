import {
  activeRule,
  DENIED_RULE,
  isDenied,
  refuseBy,
  type TablePolicy,
  type TablePolicyRefusal,
  type TableRef,
  tableLabel,
  tablePolicyRefusal,
} from './tables.js';

/**
 * How a relation the engine will read is judged:
 * - `table`: by the policy, like any named table (tables, views, sequences, materialized views);
 * - `system`: a system catalog or statistics table, refused whenever a policy is set (it lists or samples
 *   the tables the policy hides);
 * - `external`: rows that come from somewhere the catalogs do not say (foreign tables, MERGE tables,
 *   virtual tables), refused whenever a policy is set.
 */
export type RelationClass = 'table' | 'system' | 'external';

export interface ReadRelation extends TableRef {
  schema: string;
  class: RelationClass;
  /** The name the statement wrote, when the relation is read through it (a view, a parent, a function). */
  via?: string | undefined;
  /** An inheritance ancestor of a relation read: its rows include the ones read, so only the deny list applies. */
  ancestor?: boolean | undefined;
}

/** Code whose reads the catalogs cannot tell (a function body kept as text, a stored routine). */
export interface OpaqueCode {
  label: string;
  via?: string | undefined;
  why: string;
  /** How to get an answer anyway. */
  hint?: string | undefined;
}

/** What a statement reads, as the engine resolves it. */
export interface Resolution {
  relations: ReadRelation[];
  opaque: OpaqueCode[];
}

const HIDDEN_BY_POLICY = 'Use db_list_tables, db_describe_table or the db://{source}/schema resource instead: they leave the tables the policy hides out.';

/** The name the statement wrote, when it is not the relation itself. */
function throughName(relation: ReadRelation): string | undefined {
  const via = relation.via?.toLowerCase();
  return via === undefined || via === relation.name.toLowerCase() || via === tableLabel(relation).toLowerCase() ? undefined : relation.via;
}

function refusalOf(relation: ReadRelation, policy: TablePolicy): TablePolicyRefusal | undefined {
  const via = throughName(relation);
  if (relation.ancestor) {
    if (!isDenied(relation, policy)) return undefined;
    return {
      rule: DENIED_RULE,
      message: `${via ?? 'the table read'} holds part of the rows of a table that ${DENIED_RULE} denies (it is a partition or inheritance child of it)`,
      hint: 'Query other tables; the rows of a denied table are off limits through its partitions and children too.',
    };
  }
  if (relation.class === 'system') {
    return {
      rule: activeRule(policy),
      message: `${via ? `${via} reads ` : ''}${tableLabel(relation)}, a system catalog; while ${activeRule(policy)} is set the catalogs are not read directly, since they describe or sample the tables it hides`,
      hint: HIDDEN_BY_POLICY,
    };
  }
  const named = tablePolicyRefusal(relation, policy, via);
  if (named || relation.class === 'table') return named;
  return {
    rule: activeRule(policy),
    message: `${via ? `${via} reads ` : ''}${tableLabel(relation)}, which takes its rows from elsewhere (a foreign, merged or virtual table), so ${activeRule(policy)} cannot be checked on it`,
    hint: 'Query the underlying tables directly, or ask the administrator to change the table policy.',
  };
}

/** Why the policy refuses what a statement (or a catalog entry) reads; deny-list refusals first. */
export function resolutionRefusal(resolution: Resolution, policy: TablePolicy): TablePolicyRefusal | undefined {
  const refusals = resolution.relations.map((relation) => refusalOf(relation, policy)).filter((refusal) => refusal !== undefined);
  const refusal = refusals.find((candidate) => candidate.rule === DENIED_RULE) ?? refusals[0];
  if (refusal) return refusal;
  const code = resolution.opaque[0];
  if (!code) return undefined;
  return {
    rule: activeRule(policy),
    message: `${code.label}${code.via && code.via !== code.label ? ` (called through ${code.via})` : ''} cannot be checked against ${activeRule(policy)}: ${code.why}`,
    hint: code.hint ?? 'Query the tables directly instead.',
  };
}

/** Refuses the statement when anything it reads is hidden by the policy or cannot be checked against it. */
export function enforceResolution(resolution: Resolution, policy: TablePolicy): void {
  const refusal = resolutionRefusal(resolution, policy);
  if (refusal) refuseBy(refusal);
}

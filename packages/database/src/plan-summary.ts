import { InvalidInputError } from '@toolbridge/core';
import type { Dialect } from './guard/index.js';

export interface PlanNode {
  depth: number;
  node: string;
  cost: number | null;
  rows: number | null;
}

export interface PlanSummary {
  total_cost: number | null;
  estimated_rows: number | null;
  nodes: PlanNode[];
  warnings: string[];
}

/** A sequential scan in a PostgreSQL plan; how big the table is comes from the catalog. */
export interface SeqScan {
  schema: string | undefined;
  table: string;
}

/** A scan over more rows than this is called out. */
export const BIG_TABLE_ROWS = 10_000;
const MAX_NODES = 25;

/** The statement that asks the engine for the plan without running the query (never ANALYZE). */
export function explainSql(dialect: Dialect, sql: string): string {
  const body = sql.trim().replace(/;\s*$/, '');
  switch (dialect) {
    case 'postgres':
      // VERBOSE names each scanned relation's schema, for the table-size lookup.
      return `EXPLAIN (FORMAT JSON, COSTS TRUE, VERBOSE TRUE) ${body}`;
    case 'mysql':
      return `EXPLAIN FORMAT=JSON ${body}`;
    case 'sqlite':
      return `EXPLAIN QUERY PLAN ${body}`;
  }
}

export function summarizePlan(dialect: Dialect, rows: unknown[][]): PlanSummary & { seqScans: SeqScan[] } {
  switch (dialect) {
    case 'postgres':
      return summarizePostgres(parseJson(rows[0]?.[0]));
    case 'mysql':
      return { ...summarizeMysql(parseJson(rows[0]?.[0])), seqScans: [] };
    case 'sqlite':
      return { ...summarizeSqlite(rows), seqScans: [] };
  }
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidInputError('the database returned a plan this server cannot read', { hint: 'Run EXPLAIN through db_query to see it raw.' });
  }
}

interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  Alias?: string;
  'Index Name'?: string;
  'Total Cost'?: number;
  'Plan Rows'?: number;
  Plans?: PgNode[];
}

function summarizePostgres(plan: unknown): PlanSummary & { seqScans: SeqScan[] } {
  const root = (Array.isArray(plan) ? (plan[0] as { Plan?: PgNode })?.Plan : undefined) as PgNode | undefined;
  const nodes: PlanNode[] = [];
  const seqScans: SeqScan[] = [];
  const walk = (node: PgNode, depth: number) => {
    const target = node['Relation Name'] ? ` on ${node['Relation Name']}${node.Alias && node.Alias !== node['Relation Name'] ? ` ${node.Alias}` : ''}` : '';
    const index = node['Index Name'] ? ` using ${node['Index Name']}` : '';
    nodes.push({ depth, node: `${node['Node Type']}${index}${target}`, cost: node['Total Cost'] ?? null, rows: node['Plan Rows'] ?? null });
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) seqScans.push({ schema: node.Schema, table: node['Relation Name'] });
    for (const child of node.Plans ?? []) walk(child, depth + 1);
  };
  if (root) walk(root, 0);
  return { total_cost: root?.['Total Cost'] ?? null, estimated_rows: root?.['Plan Rows'] ?? null, nodes: nodes.slice(0, MAX_NODES), warnings: [], seqScans };
}

/** MySQL and MariaDB nest their JSON plans differently; every object naming a table is a scan. */
function summarizeMysql(plan: unknown): PlanSummary {
  const nodes: PlanNode[] = [];
  const warnings: string[] = [];
  let totalCost: number | null = null;
  const walk = (value: unknown, depth: number) => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    const costInfo = node.cost_info as Record<string, unknown> | undefined;
    if (totalCost === null && costInfo?.query_cost !== undefined) totalCost = Number(costInfo.query_cost);
    if (totalCost === null && typeof node.cost === 'number') totalCost = node.cost;
    if (typeof node.table_name === 'string') {
      const access = String(node.access_type ?? '?');
      const rows = Number(node.rows ?? node.rows_examined_per_scan ?? NaN);
      const key = typeof node.key === 'string' ? ` using ${node.key}` : '';
      nodes.push({ depth, node: `${access} on ${node.table_name}${key}`, cost: null, rows: Number.isFinite(rows) ? rows : null });
      if (access === 'ALL' && rows >= BIG_TABLE_ROWS)
        warnings.push(`full table scan on ${node.table_name} (~${rows} rows): an index on the filtered columns may help`);
    }
    for (const [key, child] of Object.entries(node))
      if (key !== 'cost_info' && typeof child === 'object') walk(child, depth + (typeof node.table_name === 'string' ? 1 : 0));
  };
  walk(plan, 0);
  const estimated = nodes.reduce<number | null>((product, node) => (node.rows === null ? product : (product ?? 1) * node.rows), null);
  return { total_cost: totalCost, estimated_rows: estimated, nodes: nodes.slice(0, MAX_NODES), warnings };
}

function summarizeSqlite(rows: unknown[][]): PlanSummary {
  // EXPLAIN QUERY PLAN: id, parent, notused, detail
  const depthOf = new Map<number, number>([[0, -1]]);
  const nodes: PlanNode[] = [];
  const warnings: string[] = [];
  for (const [id, parent, , detail] of rows) {
    const depth = (depthOf.get(Number(parent)) ?? -1) + 1;
    depthOf.set(Number(id), depth);
    const text = String(detail);
    nodes.push({ depth, node: text, cost: null, rows: null });
    if (/^SCAN (?!.*USING (COVERING )?INDEX)/.test(text) && !/^SCAN CONSTANT/.test(text)) warnings.push(`full scan: ${text} (no index used)`);
  }
  return { total_cost: null, estimated_rows: null, nodes: nodes.slice(0, MAX_NODES), warnings };
}

import type { TableRef } from '../../policy/tables.js';
import type { PgNode } from './parser.js';

export const WRITE_NODES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

export interface PgFindings {
  tables: TableRef[];
  /** Every function called, as written (for the deny list: the name; for the table policy: schema and name). */
  functions: TableRef[];
  /** Every operator used, as written (a user-defined operator calls its function). */
  operators: TableRef[];
  /** Names used as `x.name` or `(expr).name`: PostgreSQL may call a function name(x) for them. */
  attributeNames: string[];
  writes: { type: string; inCte: boolean; hasWhere: boolean }[];
  into: boolean;
  locking: boolean;
  /** Every statement node in the tree, the root first (then e.g. a GRANT inside CREATE SCHEMA). */
  statements: string[];
}

function sval(node: unknown): string | undefined {
  if (!node || typeof node !== 'object' || !('String' in node)) return undefined;
  const value = (node as { String: { sval?: unknown } }).String.sval;
  return typeof value === 'string' ? value : undefined;
}

export function names(list: unknown): string[] {
  return Array.isArray(list) ? list.map(sval).filter((name): name is string => name !== undefined) : [];
}

/** A WHERE that mentions no column, parameter, function or subquery (WHERE true, WHERE 1 = 1) keeps every row. */
function narrows(where: unknown): boolean {
  if (Array.isArray(where)) return where.some(narrows);
  if (!where || typeof where !== 'object') return false;
  return Object.entries(where).some(([key, value]) => ['ColumnRef', 'ParamRef', 'FuncCall', 'SubLink'].includes(key) || narrows(value));
}

/** ["schema", "name"] or ["name"] as a reference; a catalog prefix (db.schema.name) is dropped. */
function qualified(parts: string[]): TableRef | undefined {
  const name = parts.at(-1);
  if (name === undefined) return undefined;
  const schema = parts.at(-2);
  return schema === undefined ? { name } : { schema, name };
}

function cteName(item: unknown): string {
  const cte = (item as { CommonTableExpr?: { ctename?: unknown } }).CommonTableExpr;
  return typeof cte?.ctename === 'string' ? cte.ctename : '';
}

/**
 * Walks the whole parse tree. CTE names are scoped like PostgreSQL: a CTE body sees earlier CTEs (and itself
 * when recursive), the statement sees them all; an unqualified relation named like a visible CTE is that CTE.
 */
export function walkPg(root: PgNode): PgFindings {
  const findings: PgFindings = { tables: [], functions: [], operators: [], attributeNames: [], writes: [], into: false, locking: false, statements: [] };

  const visitNode = (type: string, body: PgNode, scope: ReadonlySet<string>, inCte: boolean): void => {
    let inner = scope;
    // Typed fields (withClause, relation, intoClause.rel) come unwrapped, list items and Node fields wrapped.
    const rawWith = body.withClause as PgNode | undefined;
    const withClause = (rawWith?.WithClause as PgNode | undefined) ?? rawWith;
    if (withClause && Array.isArray(withClause.ctes)) {
      const ctes = withClause.ctes as PgNode[];
      const cteNames = ctes.map(cteName);
      ctes.forEach((cte, index) => {
        const visible = new Set([...scope, ...cteNames.slice(0, index + (withClause.recursive ? 1 : 0))]);
        visit(cte, visible, true);
      });
      inner = new Set([...scope, ...cteNames]);
    }
    if (type.endsWith('Stmt')) findings.statements.push(type);
    if (WRITE_NODES.has(type)) findings.writes.push({ type, inCte, hasWhere: narrows(body.whereClause) });
    if (body.intoClause) findings.into = true;
    if (body.lockingClause) findings.locking = true;
    if (type === 'RangeVar') rangeVar(body, inner);
    if (type === 'FuncCall') {
      const ref = qualified(names(body.funcname));
      if (ref) findings.functions.push(ref);
    }
    if (type === 'A_Expr') {
      const ref = qualified(names(body.name));
      if (ref) findings.operators.push(ref);
    }
    if (type === 'ColumnRef') findings.attributeNames.push(...names(body.fields).slice(1));
    if (type === 'A_Indirection') findings.attributeNames.push(...names(body.indirection));
    for (const [key, child] of Object.entries(body)) {
      if (key === 'withClause') continue;
      // The branches of UNION/INTERSECT/EXCEPT are SelectStmts without their wrapper.
      if (type === 'SelectStmt' && (key === 'larg' || key === 'rarg') && child && typeof child === 'object') {
        visitNode('SelectStmt', child as PgNode, inner, inCte);
      } else {
        visit(child, inner, inCte);
      }
    }
  };

  const rangeVar = (node: PgNode, scope: ReadonlySet<string>): void => {
    if (typeof node.relname !== 'string') return;
    const schema = typeof node.schemaname === 'string' ? node.schemaname : undefined;
    if (schema !== undefined || !scope.has(node.relname)) {
      findings.tables.push(schema ? { schema, name: node.relname } : { name: node.relname });
    }
  };

  const visit = (value: unknown, scope: ReadonlySet<string>, inCte: boolean): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, scope, inCte);
      return;
    }
    if (!value || typeof value !== 'object') return;
    // An unwrapped RangeVar (e.g. the `relation` of INSERT/UPDATE/DELETE).
    if ('relname' in value) rangeVar(value as PgNode, scope);
    for (const [key, child] of Object.entries(value)) {
      // Node wrappers are keyed by their type name (capitalised); other keys are fields.
      if (/^[A-Z]/.test(key) && child && typeof child === 'object' && !Array.isArray(child)) {
        visitNode(key, child as PgNode, scope, inCte);
      } else {
        visit(child, scope, inCte);
      }
    }
  };

  visit(root, new Set(), false);
  return findings;
}

import type { PgNode } from '../guard/postgres/parser.js';
import { type Derived, type Expr, emptyExpr, Outline, positional, type Select, type Target } from './model.js';

const isObject = (value: unknown): value is PgNode => typeof value === 'object' && value !== null;
const sval = (node: unknown): string | undefined => (isObject(node) && isObject(node.String) ? String(node.String.sval).toLowerCase() : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (list: unknown): string[] => (Array.isArray(list) ? list.map(sval).filter((name) => name !== undefined) : []);

/** The outline of a PostgreSQL SELECT (libpg-query's tree), and every relation it names. */
export class PgOutline extends Outline<PgNode> {
  /** Names a bare one-part reference could mean as a whole row: tables, aliases, CTEs. */
  private readonly rowNames = new Set<string>();
  private readonly pending: Array<{ expr: Expr; name: string }> = [];
  protected fill(select: Select, node: PgNode): Select {
    const ctes = isObject(node.withClause) && Array.isArray(node.withClause.ctes) ? node.withClause.ctes : [];
    for (const cte of ctes) {
      const body = isObject(cte) && isObject(cte.CommonTableExpr) ? cte.CommonTableExpr : {};
      const query = isObject(body.ctequery) && isObject(body.ctequery.SelectStmt) ? body.ctequery.SelectStmt : undefined;
      if (query) select.derived.push({ select: this.select(query), columns: Array.isArray(body.aliascolnames) ? strings(body.aliascolnames) : undefined });
      else select.clauses.push(this.expr(body.ctequery));
    }
    if (node.op && node.op !== 'SETOP_NONE') {
      select.setOp = { all: node.all === true, branches: [node.larg, node.rarg].filter(isObject).map((branch) => this.select(branch)) };
    }
    for (const item of Array.isArray(node.fromClause) ? node.fromClause : []) this.from(item, select);
    for (const entry of Array.isArray(node.targetList) ? node.targetList : []) select.targets.push(this.target(entry));
    // ORDER BY 2 / GROUP BY 2 order or group by an output.
    for (const item of [...list(node.sortClause), ...list(node.groupClause)]) {
      const value = isObject(item) && isObject(item.SortBy) ? item.SortBy.node : item;
      const constant = isObject(value) && isObject(value.A_Const) && isObject(value.A_Const.ival) ? value.A_Const.ival.ival : undefined;
      if (typeof constant === 'number') select.clauses.push(positional(select, constant));
    }
    for (const key of [
      'whereClause',
      'havingClause',
      'groupClause',
      'sortClause',
      'distinctClause',
      'windowClause',
      'limitCount',
      'limitOffset',
      'valuesLists',
    ]) {
      if (node[key] !== undefined) select.clauses.push(this.expr(node[key]));
    }
    return select;
  }

  /** Resolves whole-row references once every table and alias of the statement is known. */
  finish(tree: unknown): void {
    this.collectRowNames(tree);
    for (const { expr, name } of this.pending) if (this.rowNames.has(name)) expr.wholeRow = true;
  }

  /** Every alias, relation and CTE name anywhere in the tree, wherever the outline itself does not look. */
  private collectRowNames(node: unknown): void {
    if (Array.isArray(node)) for (const child of node) this.collectRowNames(child);
    if (!isObject(node)) return;
    for (const key of ['aliasname', 'relname', 'ctename']) if (typeof node[key] === 'string') this.rowNames.add((node[key] as string).toLowerCase());
    for (const value of Object.values(node)) if (typeof value === 'object') this.collectRowNames(value);
  }

  private target(entry: unknown): Target {
    const target = isObject(entry) && isObject(entry.ResTarget) ? entry.ResTarget : {};
    const value = isObject(target.val) ? target.val : {};
    const ref = isObject(value.ColumnRef) && Array.isArray(value.ColumnRef.fields) ? value.ColumnRef.fields : undefined;
    const star = ref !== undefined && isObject(ref.at(-1)) && 'A_Star' in (ref.at(-1) as PgNode);
    return {
      alias: typeof target.name === 'string' ? target.name.toLowerCase() : undefined,
      bare: ref && !star ? sval(ref.at(-1)) : undefined,
      star,
      expr: star ? emptyExpr() : this.expr(value),
    };
  }

  private from(item: unknown, select: Select): void {
    if (!isObject(item)) return;
    if (isObject(item.RangeVar)) {
      const range = item.RangeVar;
      const name = String(range.relname).toLowerCase();
      this.relations.push({ schema: typeof range.schemaname === 'string' ? range.schemaname : undefined, name });
      const alias = isObject(range.alias) ? range.alias : undefined;
      // FROM users AS u(a, b, c) renames the table's columns by position.
      if (alias && Array.isArray(alias.colnames)) select.derived.push(starOver(strings(alias.colnames)));
      return;
    }
    if (isObject(item.JoinExpr)) {
      const join = item.JoinExpr;
      this.from(join.larg, select);
      this.from(join.rarg, select);
      if (join.isNatural === true) select.natural = true;
      // (a JOIN b ...) AS j(x, y) renames the joined columns by position.
      if (isObject(join.alias) && Array.isArray(join.alias.colnames)) select.derived.push(starOver(strings(join.alias.colnames)));
      if (join.quals !== undefined) select.clauses.push(this.expr(join.quals));
      if (Array.isArray(join.usingClause)) select.clauses.push({ ...emptyExpr(), names: strings(join.usingClause) });
      return;
    }
    if (isObject(item.RangeSubselect)) {
      const range = item.RangeSubselect;
      const alias = isObject(range.alias) ? range.alias : undefined;
      const query = isObject(range.subquery) && isObject(range.subquery.SelectStmt) ? range.subquery.SelectStmt : undefined;
      if (query) select.derived.push({ select: this.select(query), columns: alias && Array.isArray(alias.colnames) ? strings(alias.colnames) : undefined });
      else select.clauses.push(this.expr(range.subquery));
      return;
    }
    // Functions in FROM (and anything else): their arguments are inputs, not projections.
    select.clauses.push(this.expr(item));
  }

  /** Every column reference and subquery under a node. */
  protected expr(node: unknown, into: Expr = emptyExpr()): Expr {
    if (Array.isArray(node)) {
      for (const child of node) this.expr(child, into);
      return into;
    }
    if (!isObject(node)) return into;
    if (isObject(node.ColumnRef)) {
      const fields = Array.isArray(node.ColumnRef.fields) ? node.ColumnRef.fields : [];
      const last = fields.at(-1);
      if (isObject(last) && 'A_Star' in last) into.wholeRow = true;
      else {
        const name = sval(last);
        if (name !== undefined) {
          into.names.push(name);
          if (fields.length === 1) this.pending.push({ expr: into, name });
        }
      }
      return into;
    }
    if (isObject(node.SubLink)) {
      const link = node.SubLink;
      if (link.testexpr !== undefined) this.expr(link.testexpr, into);
      const query = isObject(link.subselect) && isObject(link.subselect.SelectStmt) ? link.subselect.SelectStmt : undefined;
      if (query) {
        const sub = this.select(query);
        // EXISTS looks at whether rows come back, never at their values.
        if (link.subLinkType === 'EXISTS_SUBLINK') {
          into.subqueries.push({ ...sub, targets: [] });
        } else into.subqueries.push(sub);
      }
      return into;
    }
    if (isObject(node.SelectStmt)) {
      into.subqueries.push(this.select(node.SelectStmt));
      return into;
    }
    return this.children(node, into);
  }
}

function starOver(columns: string[]): Derived {
  return { columns, select: { targets: [{ star: true, expr: emptyExpr() }], clauses: [], derived: [], natural: false } };
}

import type { NspNode } from '../guard/node-sql-parser/parser.js';
import { type Expr, emptyExpr, Outline, positional, type Select, type Target } from './model.js';

const isObject = (value: unknown): value is NspNode => typeof value === 'object' && value !== null;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** node-sql-parser writes a name as a string or as { expr: { value } } depending on its quoting. */
function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.toLowerCase();
  if (isObject(value)) {
    if (typeof value.value === 'string') return value.value.toLowerCase();
    if (isObject(value.expr)) return nameOf(value.expr);
  }
  return undefined;
}

const isSelect = (node: unknown): node is NspNode => isObject(node) && node.type === 'select';
const subselect = (node: unknown): NspNode | undefined => (isSelect(node) ? node : isObject(node) && isSelect(node.ast) ? node.ast : undefined);

/** The positions ORDER BY n and GROUP BY n name. */
function positions(node: NspNode): number[] {
  const items = [...list(node.orderby), ...list(isObject(node.groupby) ? node.groupby.columns : node.groupby)];
  return items
    .map((item) => (isObject(item) && 'expr' in item ? item.expr : item))
    .flatMap((value) => (isObject(value) && value.type === 'number' && typeof value.value === 'number' ? [value.value] : []));
}

/** The outline of a MySQL/MariaDB or SQLite SELECT (node-sql-parser's tree), and every relation it names. */
export class NspOutline extends Outline<NspNode> {
  protected fill(select: Select, node: NspNode): Select {
    for (const cte of list(node.with)) {
      if (!isObject(cte)) continue;
      const body = subselect(cte.stmt);
      if (body)
        select.derived.push({
          select: this.select(body),
          columns: Array.isArray(cte.columns) ? cte.columns.map((column) => nameOf(isObject(column) ? column.column : column) ?? '') : undefined,
        });
      else select.clauses.push(this.expr(cte.stmt));
    }
    for (const item of list(node.from)) this.from(item, select);
    const columns = node.columns === '*' ? [{ expr: { type: 'column_ref', column: '*' } }] : list(node.columns);
    for (const entry of columns) select.targets.push(this.target(entry));
    for (const position of positions(node)) select.clauses.push(positional(select, position));
    for (const key of ['where', 'groupby', 'having', 'orderby', 'limit', 'window', 'qualify']) if (node[key]) select.clauses.push(this.expr(node[key]));
    if (isObject(node.distinct) && node.distinct.columns) select.clauses.push(this.expr(node.distinct.columns));
    if (node._next !== undefined && isSelect(node._next)) {
      const op = String(node.set_op ?? '').toLowerCase();
      const union: Select = {
        targets: [],
        clauses: [],
        derived: [],
        natural: false,
        setOp: { all: op === 'union all', branches: [select, this.select(node._next)] },
      };
      // The ORDER BY n of a set operation comes with its last branch, and orders by the n-th output of every branch.
      for (let branch: unknown = node._next; isSelect(branch); branch = branch._next) {
        for (const position of positions(branch)) union.clauses.push(positional(union, position));
      }
      return union;
    }
    return select;
  }

  private target(entry: unknown): Target {
    const value = isObject(entry) && isObject(entry.expr) ? entry.expr : {};
    const bare = value.type === 'column_ref' ? nameOf(value.column) : value.type === 'double_quote_string' ? nameOf(value.value) : undefined;
    const star = bare === '*';
    return { alias: nameOf(isObject(entry) ? entry.as : undefined), bare: star ? undefined : bare, star, expr: star ? emptyExpr() : this.expr(value) };
  }

  private from(item: unknown, select: Select): void {
    if (!isObject(item)) return;
    // node-sql-parser's SQLite grammar reads `a NATURAL JOIN b` as `a AS natural JOIN b`.
    if ((typeof item.join === 'string' && /natural/i.test(item.join)) || nameOf(item.as) === 'natural') select.natural = true;
    if (item.on) select.clauses.push(this.expr(item.on));
    if (item.using)
      select.clauses.push({
        ...emptyExpr(),
        names: list(item.using)
          .map(nameOf)
          .filter((name) => name !== undefined),
      });
    const body = subselect(item.expr);
    if (body) {
      select.derived.push({ select: this.select(body) });
      return;
    }
    if (typeof item.table === 'string') {
      this.relations.push({ schema: typeof item.db === 'string' ? item.db : undefined, name: item.table.toLowerCase() });
      return;
    }
    // Table functions (json_each, JSON_TABLE...): their arguments are inputs, not projections.
    select.clauses.push(this.expr(item));
  }

  protected expr(node: unknown, into: Expr = emptyExpr()): Expr {
    if (Array.isArray(node)) {
      for (const child of node) this.expr(child, into);
      return into;
    }
    if (!isObject(node)) return into;
    // SQLite (and MySQL under ANSI_QUOTES) read "email" as the column when there is one; node-sql-parser reads a string.
    if (node.type === 'column_ref' || node.type === 'double_quote_string') {
      const name = nameOf(node.type === 'column_ref' ? node.column : node.value);
      if (name === '*') into.wholeRow = true;
      else if (name !== undefined) into.names.push(name);
      return into;
    }
    const sub = subselect(node);
    if (sub) {
      into.subqueries.push(this.select(sub));
      return into;
    }
    return this.children(node, into);
  }
}

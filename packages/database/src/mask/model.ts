/**
 * A dialect-neutral outline of a SELECT, just what masking needs: which names each expression mentions,
 * where (projected or used to filter, join, group or order), and how names flow out of subqueries and CTEs.
 */
export interface Expr {
  /** Column names mentioned (last part, lower case). */
  names: string[];
  /** A whole row is read (PostgreSQL `t`, `t.*` inside an expression): every column of the table. */
  wholeRow: boolean;
  subqueries: Select[];
}

export interface Target {
  /** The output name written with AS. */
  alias?: string | undefined;
  /** The column name when the target is a plain column reference (`email`, `u.email`). */
  bare?: string | undefined;
  /** `*` or `t.*` */
  star: boolean;
  expr: Expr;
}

/** A subquery in FROM or a CTE: its output feeds the outer query by name. */
export interface Derived {
  select: Select;
  /** Names given in a column list (`AS s(a, b)`, `WITH c(a, b)`), renaming the outputs by position. */
  columns?: string[] | undefined;
}

export interface Select {
  targets: Target[];
  /** Everything that is not projected: WHERE, JOIN ... ON / USING, GROUP BY, HAVING, ORDER BY, LIMIT, DISTINCT ON, WINDOW, arguments of functions in FROM. */
  clauses: Expr[];
  derived: Derived[];
  setOp?: { all: boolean; branches: Select[] } | undefined;
  /** NATURAL JOIN compares every same-named column. */
  natural: boolean;
}

export const emptyExpr = (): Expr => ({ names: [], wholeRow: false, subqueries: [] });

/** The selects whose rows a set operation stacks. */
export function leaves(select: Select): Select[] {
  return select.setOp ? select.setOp.branches.flatMap(leaves) : [select];
}

/** What ORDER BY n / GROUP BY n refers to: the n-th output of every branch (a * stands for whole rows). */
export function positional(select: Select, position: number): Expr {
  const into = emptyExpr();
  for (const { targets } of leaves(select)) {
    if (targets.some((target) => target.star)) into.wholeRow = true;
    const target = targets[position - 1];
    if (target) mergeExpr(into, { ...target.expr, subqueries: [] });
  }
  return into;
}

export function mergeExpr(into: Expr, from: Expr): Expr {
  into.names.push(...from.names);
  into.wholeRow ||= from.wholeRow;
  into.subqueries.push(...from.subqueries);
  return into;
}

/** What both dialects' outliners share: the relations named, and the select being read. */
export abstract class Outline<N> {
  readonly relations: Array<{ schema?: string | undefined; name: string }> = [];
  /** The select whose expressions are being read: a window clause met in them is one of its clauses. */
  private current: Select | undefined;

  select(node: N): Select {
    const select: Select = { targets: [], clauses: [], derived: [], natural: false };
    const outer = this.current;
    this.current = select;
    try {
      return this.fill(select, node);
    } finally {
      this.current = outer;
    }
  }

  protected abstract fill(select: Select, node: N): Select;

  protected abstract expr(node: unknown, into?: Expr): Expr;

  /** Every child of a node read into `into`, but a window's PARTITION BY / ORDER BY, which orders the rows that come back, other columns included. */
  protected children(node: Record<string, unknown>, into: Expr): Expr {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value !== 'object') continue;
      if (key === 'over' && value !== null && this.current) this.current.clauses.push(this.expr(value));
      else this.expr(value, into);
    }
    return into;
  }
}

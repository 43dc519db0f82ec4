import { PolicyError } from '@toolbridge/core';
import { type Expr, leaves, type Select, type Target } from './model.js';

export const MASK_RULE = 'database.maskColumns';

/**
 * How each result column is masked: `value` (a masked column as it is: its value keeps what core's PII
 * mask keeps), `whole` (computed from one: nothing of it is kept, or substr(email, k) would spell it out),
 * or not at all.
 */
export type Masking = 'value' | 'whole' | undefined;
export type ColumnMask = (names: readonly string[]) => Masking[];

function refuse(message: string, hint: string): never {
  throw new PolicyError(MASK_RULE, message, { hint });
}

/**
 * Follows masked columns through a statement. Names are tainted starting from the masked columns and
 * spread through every alias or column list an expression over them is given, until nothing changes;
 * then any tainted name used anywhere but a projection is refused (a filter, join, grouping or ordering
 * on a masked value reveals it without returning it), and the top-level outputs are mapped to masks.
 */
export class MaskAnalysis {
  readonly tainted: Set<string>;
  /** Tainted names given to values computed from masked ones. */
  readonly computed = new Set<string>();

  constructor(
    private readonly top: Select,
    masked: ReadonlyMap<string, string>,
  ) {
    this.tainted = new Set(masked.keys());
    for (let round = 0; round < 50 && this.spread(top); round++);
    this.check(top, true);
  }

  private touches(expr: Expr): boolean {
    return expr.wholeRow || expr.names.some((name) => this.tainted.has(name)) || expr.subqueries.some((select) => this.outputs(select));
  }

  /** Whether any of a select's outputs may carry a masked value. */
  private outputs(select: Select): boolean {
    if (select.setOp) return select.setOp.branches.some((branch) => this.outputs(branch));
    return select.targets.some((target) => target.star || this.touches(target.expr));
  }

  private add(name: string | undefined, computed: boolean): boolean {
    if (name === undefined) return false;
    const added = !this.tainted.has(name) || (computed && !this.computed.has(name));
    this.tainted.add(name);
    if (computed) this.computed.add(name);
    return added;
  }

  /** A target that only passes a masked column on, unchanged. */
  private isPlain(target: Target): boolean {
    return target.bare !== undefined && !target.expr.wholeRow && !this.computed.has(target.bare);
  }

  private hasComputed(select: Select): boolean {
    if (select.setOp) return select.setOp.branches.some((branch) => this.hasComputed(branch));
    return (
      select.targets.some((target) => !target.star && this.touches(target.expr) && !this.isPlain(target)) ||
      select.targets.some((target) => target.star && this.computed.size > 0)
    );
  }

  private targetMasking(target: Target): Masking {
    if (target.star) return 'value';
    if (!this.touches(target.expr)) return undefined;
    return this.isPlain(target) ? 'value' : 'whole';
  }

  /** One round of spreading; true when a name was added. */
  private spread(select: Select): boolean {
    let changed = false;
    for (const derived of select.derived) {
      changed = this.spread(derived.select) || changed;
      if (derived.columns && this.outputs(derived.select)) {
        const computed = this.hasComputed(derived.select);
        for (const name of derived.columns) changed = this.add(name, computed) || changed;
      }
    }
    for (const branch of select.setOp?.branches ?? []) changed = this.spread(branch) || changed;
    for (const target of select.targets) {
      if (!target.star && this.touches(target.expr)) changed = this.add(target.alias ?? target.bare, !this.isPlain(target)) || changed;
      for (const sub of target.expr.subqueries) changed = this.spread(sub) || changed;
    }
    for (const clause of select.clauses) for (const sub of clause.subqueries) changed = this.spread(sub) || changed;
    return changed;
  }

  private named(expr: Expr): string {
    const name = expr.names.find((candidate) => this.tainted.has(candidate));
    return name ? `"${name}" (a masked column or a name given to one)` : 'a masked column';
  }

  /** Refuses a masked value used other than projected. `projected`: this select's outputs are shown, not compared. */
  private check(select: Select, projected: boolean): void {
    for (const derived of select.derived) this.check(derived.select, true);
    if (select.setOp) {
      // UNION / INTERSECT / EXCEPT compare whole rows; UNION ALL only stacks them.
      for (const branch of select.setOp.branches) this.check(branch, projected && select.setOp.all);
    }
    if (select.natural && this.outputs(select)) {
      refuse('a NATURAL JOIN compares every same-named column, masked ones included', 'Join with ON or USING on columns that are not masked.');
    }
    for (const target of select.targets) {
      if (!projected && (target.star || this.touches(target.expr))) {
        refuse(
          `${target.star ? 'a * in a subquery used for comparison may include a masked column' : `${this.named(target.expr)} is compared in a subquery (IN, ANY, a set operation...)`}; comparing masked values reveals them`,
          'Compare on columns that are not masked; list the columns instead of *.',
        );
      }
      if (projected && !target.star && target.alias === undefined && target.bare === undefined && this.touches(target.expr) && select !== this.top) {
        refuse(
          'an expression over a masked column inside a subquery or CTE has no name, so it cannot be followed',
          'Give the expression a name with AS (e.g. lower(email) AS email_lower).',
        );
      }
      for (const sub of target.expr.subqueries) this.check(sub, projected);
    }
    for (const clause of select.clauses) {
      if (clause.wholeRow || clause.names.some((name) => this.tainted.has(name))) {
        refuse(
          `${clause.wholeRow ? 'a whole row including a masked column' : this.named(clause)} is used in a condition, join, grouping or ordering, which would reveal its values without returning them`,
          'Filter, join, group and order on columns that are not masked; a masked column may only be selected (its values come back masked).',
        );
      }
      for (const sub of clause.subqueries) this.check(sub, false);
    }
  }

  /** The mask of each result column. */
  columnMask(): ColumnMask {
    const top = this.top;
    return (names) => {
      if (top.setOp) {
        const branches = leaves(top);
        if (branches.some((branch) => branch.targets.some((target) => target.star))) {
          if (!this.outputs(top)) return names.map(() => undefined);
          refuse('a * in a UNION branch may place a masked column anywhere', 'List the columns of each branch instead of *.');
        }
        return names.map((_, index) => {
          const masks = branches.map((branch) => (branch.targets[index] ? this.targetMasking(branch.targets[index]) : undefined));
          return masks.includes('whole') ? 'whole' : masks.includes('value') ? 'value' : undefined;
        });
      }
      const targets = top.targets;
      if (!targets.some((target) => target.star) && targets.length === names.length) return targets.map((target) => this.targetMasking(target));
      // With a *, outputs are matched by name: a masked column keeps its name (or the one it was given).
      const byName = new Map<string, Masking>([...this.tainted].map((name) => [name, this.computed.has(name) ? 'whole' : 'value']));
      for (const target of targets) {
        if (target.star || !this.touches(target.expr)) continue;
        const name = target.alias ?? target.bare;
        if (name === undefined)
          refuse(
            'an unnamed expression over a masked column next to a * cannot be placed among the result columns',
            'Give the expression a name with AS, or list the columns instead of *.',
          );
        byName.set(name, this.targetMasking(target));
      }
      return names.map((name) => byName.get(name.toLowerCase()));
    };
  }
}

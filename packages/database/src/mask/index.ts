import { InvalidInputError, maskPii, PolicyError } from '@toolbridge/core';
import { DatabaseError } from '../engine/errors.js';
import type { QueryResult } from '../engine/types.js';
import type { Dialect } from '../guard/index.js';
import { MASK_RULE, MaskAnalysis, type Masking } from './analysis.js';
import type { Select } from './model.js';
import { type MaskPattern, type NamedRelation, relevantColumns } from './patterns.js';

export { MASK_RULE, type Masking } from './analysis.js';
export { type MaskPattern, type NamedRelation, parseMaskPatterns } from './patterns.js';

/** How a statement's result is masked: which result columns, by their names. */
export interface MaskPlan {
  /** The masked columns the statement may read, for messages. */
  columns: string[];
  mask(names: readonly string[]): Masking[];
}

/**
 * The statement's outline: the SELECT whose rows come back, or the one an EXPLAIN plans (its plan holds no
 * values, but its row estimates answer a condition, so conditions are refused there too). Anything else
 * that passes the guard (SHOW, DESCRIBE) returns no table data.
 */
async function outline(sql: string, dialect: Dialect): Promise<{ select?: Select | undefined; explained: boolean; relations: NamedRelation[] } | undefined> {
  if (dialect === 'postgres') {
    const [{ parsePg }, { PgOutline }] = await Promise.all([import('../guard/postgres/parser.js'), import('./postgres.js')]);
    const [statement] = await parsePg(sql, 'read');
    const outliner = new PgOutline();
    const query =
      statement?.type === 'ExplainStmt'
        ? (statement.body.query as Record<string, unknown> | undefined)?.SelectStmt
        : statement?.type === 'SelectStmt'
          ? statement.body
          : undefined;
    const select = query ? outliner.select(query as Record<string, unknown>) : undefined;
    outliner.finish(statement?.body);
    return { select, explained: statement?.type === 'ExplainStmt', relations: outliner.relations };
  }
  const [{ parseNsp }, { NspOutline }, { prescan }] = await Promise.all([
    import('../guard/node-sql-parser/parser.js'),
    import('./nsp.js'),
    import('../guard/node-sql-parser/prescan.js'),
  ]);
  // node-sql-parser must read the text as the server does (SQLite has no backslash escapes; MySQL's depend on sql_mode).
  prescan(sql, dialect, 'read');
  let parsed: Awaited<ReturnType<typeof parseNsp>>;
  try {
    parsed = await parseNsp(sql, dialect);
  } catch {
    return undefined;
  }
  const outliner = new NspOutline();
  const [statement] = parsed.statements;
  const explained = statement?.type === 'explain';
  const query = explained ? statement?.expr : statement;
  const select = (query as { type?: unknown } | undefined)?.type === 'select' ? outliner.select(query as Record<string, unknown>) : undefined;
  const relations: NamedRelation[] = parsed.tableList.map((entry) => {
    const [, schema, name] = entry.split('::');
    return { schema: schema === 'null' ? undefined : schema, name: String(name) };
  });
  return { select, explained, relations: [...outliner.relations, ...relations] };
}

/**
 * The mask a read's result gets, or undefined when no masked column applies to it. Refuses what cannot
 * be followed: a masked column used to filter, join, group or order, or text the parser cannot read
 * while a pattern for any table ("*.column") applies.
 */
export async function maskPlanFor(
  sql: string,
  dialect: Dialect,
  patterns: readonly MaskPattern[],
  /** What the guard found the statement names, in case the outline missed one. */
  named: readonly NamedRelation[] = [],
): Promise<MaskPlan | undefined> {
  if (!patterns.length) return undefined;
  const shape = await outline(sql, dialect);
  if (!shape) {
    throw new PolicyError(MASK_RULE, `the statement could not be parsed to follow the masked columns (${patterns.map((pattern) => pattern.text).join(', ')})`, {
      hint: 'Write a plain SELECT (with subqueries, CTEs and UNION ALL as needed) the masking can follow.',
    });
  }
  const masked = relevantColumns(patterns, [...shape.relations, ...named]);
  if (!masked.size) return undefined;
  const analysis = shape.select ? new MaskAnalysis(shape.select, masked) : undefined;
  const mask = analysis && !shape.explained ? analysis.columnMask() : (names: readonly string[]) => names.map(() => undefined);
  return { columns: [...masked.values()], mask };
}

/** A masked value: e-mails and phone numbers the way core's PII masking writes them, anything else as its first character and ***. */
export function maskValue(value: unknown, masking: Masking): unknown {
  if (value === null || value === undefined || masking === undefined) return value;
  if (masking === 'whole' || typeof value !== 'string') return '***';
  const pii = maskPii(value);
  if (pii !== value) return pii;
  return value.length > 1 ? `${value.slice(0, 1)}***` : '***';
}

/**
 * The result with its masked columns masked. An error from the database is withheld too: a failed cast
 * or a constraint message can quote the value it failed on.
 */
export async function maskedRead(read: Promise<QueryResult>, plan: MaskPlan): Promise<QueryResult> {
  let result: QueryResult;
  try {
    result = await read;
  } catch (error) {
    if (!(error instanceof DatabaseError || error instanceof InvalidInputError)) throw error;
    const Withheld = error instanceof InvalidInputError ? InvalidInputError : DatabaseError;
    throw new Withheld(
      `the database rejected the statement; its message is withheld because the statement reads a masked column (${plan.columns.join(', ')}), and messages can quote values`,
      { hint: 'Check names with db_describe_table, and casts or functions applied to masked columns.' },
    );
  }
  const masks = plan.mask(result.columns.map((column) => column.name));
  if (!masks.some((masking) => masking !== undefined)) return result;
  return { ...result, rows: result.rows.map((row) => row.map((value, index) => maskValue(value, masks[index]))) };
}

/**
 * db_execute cannot follow a masked column into what a write returns (RETURNING) or copies (INSERT ...
 * SELECT email, UPDATE t SET note = email): a write that names one, or returns rows, is refused.
 */
export function refuseMaskedWrite(sql: string, patterns: readonly MaskPattern[]): void {
  const words = new Set(sql.toLowerCase().match(/[a-z_][a-z0-9_$]*/g) ?? []);
  const named = patterns.find((pattern) => words.has(pattern.column));
  if (!named && !words.has('returning')) return;
  throw new PolicyError(
    MASK_RULE,
    named
      ? `the statement names ${named.column}, a masked column (${named.text}); a write cannot copy or return it`
      : 'a write that returns rows (RETURNING) may return masked columns',
    { hint: 'Write without naming masked columns and without RETURNING; read the result back with db_query, which masks it.' },
  );
}

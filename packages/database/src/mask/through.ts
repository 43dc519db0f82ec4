import { PolicyError } from '@toolbridge/core';
import type { EngineSession } from '../engine/types.js';
import type { Dialect, ReadCheck } from '../guard/index.js';
import { mysqlNamedObjects } from '../guard/node-sql-parser/check.js';
import { resolveMysql } from '../policy/mysql.js';
import { resolvePostgres } from '../policy/postgres.js';
import type { Resolution } from '../policy/resolution.js';
import { tableLabel } from '../policy/tables.js';
import { MASK_RULE } from './analysis.js';
import type { MaskPattern } from './patterns.js';

const tableMatches = (pattern: MaskPattern, schema: string, name: string) =>
  pattern.table === name.toLowerCase() && (pattern.schema === undefined || pattern.schema === schema.toLowerCase());

/**
 * Masking follows names in the statement's text; a view or a function reads its table where the text does
 * not show it. So a table with masked columns read through a view, a function or code the catalogs cannot
 * follow is refused, on the statement's own connection, as the table policy resolves it.
 */
export function refuseMaskedThrough(resolution: Resolution, patterns: readonly MaskPattern[]): void {
  const named = patterns.filter((pattern) => pattern.table !== '*');
  for (const relation of resolution.relations) {
    const via = relation.via;
    if (via === undefined) continue;
    if (via.toLowerCase() === relation.name.toLowerCase() || via.toLowerCase() === tableLabel(relation).toLowerCase()) continue;
    const pattern = named.find((candidate) => tableMatches(candidate, relation.schema, relation.name));
    if (pattern) {
      throw new PolicyError(MASK_RULE, `${via} reads ${tableLabel(relation)}, whose column ${pattern.column} is masked, where masking cannot follow it`, {
        hint: `Query ${tableLabel(relation)} directly (its masked columns come back masked), or list the view's columns in ${MASK_RULE} too.`,
      });
    }
  }
  const code = resolution.opaque[0];
  if (code) {
    throw new PolicyError(MASK_RULE, `${code.label} may read a masked column where masking cannot follow it: ${code.why}`, {
      hint: 'Query the tables directly instead; their masked columns come back masked.',
    });
  }
}

/** The admission step for masking: what the statement reads through views and functions, resolved by the engine. */
export function maskAdmission(dialect: Dialect, check: ReadCheck, patterns: readonly MaskPattern[]): ((session: EngineSession) => Promise<void>) | undefined {
  if (!patterns.some((pattern) => pattern.table !== '*')) return undefined;
  switch (dialect) {
    case 'postgres':
      return async (session) => refuseMaskedThrough(await resolvePostgres(session.query, check.named), patterns);
    case 'mysql':
      return async (session) => refuseMaskedThrough(await resolveMysql(session.query, check.named, mysqlNamedObjects), patterns);
    case 'sqlite': {
      const read = check.sqlite;
      if (!read?.inspect) return undefined;
      return async (session) => {
        const program = await session.program!(read.inspect as string);
        const written = new Set(read.written);
        refuseMaskedThrough(
          {
            relations: program.opened.map((object) => ({
              schema: object.schema,
              name: object.table,
              class: 'table' as const,
              via: written.has(object.table.toLowerCase()) ? undefined : 'the statement (through a view)',
            })),
            opaque: [],
          },
          patterns,
        );
      };
    }
  }
}

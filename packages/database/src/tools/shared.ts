import { toCsv } from '@toolbridge/core';
import * as z from 'zod';
import type { Column } from '../engine/types.js';
import type { DbContext } from '../sources.js';

export const TOOLSET = 'database';

export const sourceArg = z.string().min(1).max(64).optional().describe('Source id from the config (default: the first source)');
export const sqlArg = z.string().min(1).max(100_000);
export const paramsArg = z
  .array(z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .max(1_000)
  .optional()
  .describe('Positional parameters ($1 / ? placeholders)');

export const columnSchema = z.object({ name: z.string(), type: z.string() });
export const rowsSchema = z.array(z.array(z.unknown()));
/** What the source's role can do beyond reading, or the role reads run as: in the first result after the check. */
export const roleNoticeSchema = z.string().optional();

/** The output with the source's role notice, when the model has not been told it yet (see RoleChecks). */
export function withRoleNotice<T extends object>(context: DbContext, sourceId: string, output: T): T & { role_notice?: string } {
  const notice = context.services.roleChecks.takeUntold(sourceId);
  return notice ? { ...output, role_notice: notice } : output;
}

/** The rendered result with its role notice, if any, on the lines after it. */
export const withNoticeLine = (text: string, notice: string | undefined): string => (notice ? `${text}\n${notice}` : text);

/** Rows as CSV with one footer line saying what is missing and how to get it. */
export function renderRows(columns: readonly Column[], rows: ReadonlyArray<readonly unknown[]>, footer: string): string {
  return `${
    columns.length
      ? toCsv(
          columns.map((column) => column.name),
          rows,
        )
      : '(no columns)'
  }\n${footer}`;
}

export function truncationNote(truncated: boolean, by: string | undefined): string {
  if (!truncated) return '';
  return by === 'bytes'
    ? '; more rows exist but the result size budget was reached: select fewer or narrower columns'
    : '; more rows exist: raise max_rows, add filters or aggregate';
}

import * as z from 'zod';
import { databaseAnnotations } from '../annotations.js';
import { DEFAULT_MAX_ROWS } from '../config/settings.js';
import { defineTool } from '../define.js';
import { pickSource } from '../sources.js';
import { runUserRead } from '../statements.js';
import {
  columnSchema,
  paramsArg,
  renderRows,
  roleNoticeSchema,
  rowsSchema,
  sourceArg,
  sqlArg,
  TOOLSET,
  truncationNote,
  withNoticeLine,
  withRoleNotice,
} from './shared.js';

export const dbQuery = defineTool({
  name: 'db_query',
  title: 'Run a read-only SQL query',
  description:
    'Run one read-only SQL statement (SELECT, WITH, VALUES, SHOW, EXPLAIN without ANALYZE). Writes, multiple statements and side-effecting functions are refused. Returns columns and rows (CSV text), capped at max_rows.',
  toolset: TOOLSET,
  input: () =>
    z.object({
      sql: sqlArg.describe("Exactly one read statement in the source's dialect"),
      params: paramsArg,
      max_rows: z.number().int().min(1).max(100_000).default(DEFAULT_MAX_ROWS).describe("Row limit (default 200; capped by the source's maxRows)"),
      source: sourceArg,
    }),
  output: () =>
    z.object({
      columns: z.array(columnSchema),
      rows: rowsSchema,
      row_count: z.number().int(),
      truncated: z.boolean(),
      truncated_by: z.enum(['max_rows', 'bytes']).optional(),
      elapsed_ms: z.number(),
      role_notice: roleNoticeSchema,
    }),
  annotations: databaseAnnotations.read,
  handler: async (input, context) => {
    const source = pickSource(context, input.source);
    const result = await runUserRead(source, {
      sql: input.sql,
      params: input.params,
      maxRows: input.max_rows,
      signal: context.signal,
      outputBudget: context.config.globalSettings.maxOutputChars,
    });
    return withRoleNotice(context, source.id, result);
  },
  render: (output) =>
    withNoticeLine(
      renderRows(
        output.columns,
        output.rows,
        `(${output.row_count} row${output.row_count === 1 ? '' : 's'}, ${output.elapsed_ms} ms${truncationNote(output.truncated, output.truncated_by)})`,
      ),
      output.role_notice,
    ),
});

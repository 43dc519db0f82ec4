import { PolicyError } from '@toolbridge/core';
import * as z from 'zod';
import { databaseAnnotations } from '../annotations.js';
import { anySourceWritable, DEFAULT_MAX_ROWS } from '../config/settings.js';
import { defineTool } from '../define.js';
import { pickSource } from '../sources.js';
import { checkedWrite } from '../statements.js';
import { columnSchema, paramsArg, renderRows, roleNoticeSchema, rowsSchema, sourceArg, sqlArg, TOOLSET, withNoticeLine, withRoleNotice } from './shared.js';

export const dbExecute = defineTool({
  name: 'db_execute',
  title: 'Execute a write statement',
  description:
    'Run one write statement (INSERT, UPDATE, DELETE, DDL) in its own transaction. DDL and UPDATE/DELETE without WHERE ask the user first. Use db_query for reads.',
  toolset: TOOLSET,
  input: () => z.object({ sql: sqlArg.describe('Exactly one statement'), params: paramsArg, source: sourceArg }),
  output: () =>
    z.object({
      command: z.string(),
      affected_rows: z.number().int(),
      columns: z.array(columnSchema),
      rows: rowsSchema,
      truncated: z.boolean(),
      elapsed_ms: z.number(),
      role_notice: roleNoticeSchema,
    }),
  annotations: databaseAnnotations.destructive,
  enabled: (context) => anySourceWritable(context),
  handler: async (input, context) => {
    const source = pickSource(context, input.source);
    if (source.readOnly) {
      throw new PolicyError('read-only.source', `source ${source.id} is read-only`, {
        hint: 'Writes need database.readOnly: false and a source without readOnly: true in the config file.',
      });
    }
    const check = await checkedWrite(source, input.sql);
    if (check.needsConfirmation) {
      await context.confirm(`Run on ${source.id}: ${input.sql.slice(0, 500)} (${check.reason ?? 'a schema change or a change to every row'})?`, {
        whenUnsupported: 'refuse',
      });
    }
    const driver = await source.driver();
    const result = await driver.write({
      sql: input.sql,
      params: input.params ?? [],
      maxRows: DEFAULT_MAX_ROWS,
      timeoutMs: source.queryTimeout,
      signal: context.signal,
    });
    return withRoleNotice(context, source.id, result);
  },
  render: (output) =>
    withNoticeLine(
      output.columns.length
        ? renderRows(output.columns, output.rows, `(${output.command}: ${output.affected_rows} rows affected, ${output.elapsed_ms} ms)`)
        : `${output.command}: ${output.affected_rows} rows affected (${output.elapsed_ms} ms)`,
      output.role_notice,
    ),
});

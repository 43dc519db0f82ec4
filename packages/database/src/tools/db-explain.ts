import { InvalidInputError, oneLine } from '@toolbridge/core';
import * as z from 'zod';
import { databaseAnnotations } from '../annotations.js';
import { defineTool } from '../define.js';
import { BIG_TABLE_ROWS, explainSql, type SeqScan, summarizePlan } from '../plan-summary.js';
import { pickSource, type Source } from '../sources.js';
import { checkedRead, runCatalogQuery } from '../statements.js';
import { paramsArg, sourceArg, sqlArg, TOOLSET } from './shared.js';

/** PostgreSQL plans give rows after filtering; the table's size comes from pg_class. */
async function bigSequentialScans(source: Source, scans: SeqScan[]): Promise<string[]> {
  if (!scans.length) return [];
  const sizes = await runCatalogQuery(
    source,
    `SELECT n.nspname AS schema, c.relname AS name, c.reltuples::bigint AS rows FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relname = ANY($1) AND c.reltuples >= $2`,
    [scans.map((scan) => scan.table), BIG_TABLE_ROWS],
  );
  return scans.flatMap((scan) => {
    const size = sizes.find((row) => row.name === scan.table && (scan.schema === undefined || row.schema === scan.schema));
    return size ? [`sequential scan on ${scan.table} (~${String(size.rows)} rows): an index on the filtered or joined columns may help`] : [];
  });
}

const NOT_PLANNABLE = new Set(['explain', 'show', 'describe', 'pragma']);

export const dbExplain = defineTool({
  name: 'db_explain',
  title: 'Explain a query plan',
  description:
    'Show the estimated plan of one read statement without running it (never ANALYZE): top nodes with cost and row estimates, full scans of big tables called out. Pass the statement without EXPLAIN.',
  toolset: TOOLSET,
  input: () => z.object({ sql: sqlArg.describe('The read statement to plan'), params: paramsArg, source: sourceArg }),
  output: () =>
    z.object({
      total_cost: z.number().nullable(),
      estimated_rows: z.number().nullable(),
      nodes: z.array(z.object({ depth: z.number().int(), node: z.string(), cost: z.number().nullable(), rows: z.number().nullable() })),
      warnings: z.array(z.string()),
    }),
  annotations: databaseAnnotations.read,
  handler: async (input, context) => {
    const source = pickSource(context, input.source);
    const { check, admit } = await checkedRead(source, input.sql);
    if (NOT_PLANNABLE.has(check.kind)) {
      throw new InvalidInputError(`db_explain plans queries, and this is a ${check.kind} statement`, { hint: 'Pass a SELECT (without EXPLAIN in front).' });
    }
    const driver = await source.driver();
    const plan = await driver.read({
      sql: explainSql(source.dsn.dialect, input.sql),
      params: input.params ?? [],
      maxRows: 1_000,
      maxCellChars: 10_000_000,
      timeoutMs: source.queryTimeout,
      signal: context.signal,
      admit,
    });
    const { seqScans, ...summary } = summarizePlan(source.dsn.dialect, plan.rows);
    return { ...summary, warnings: [...summary.warnings, ...(await bigSequentialScans(source, seqScans))] };
  },
  render: (output) =>
    [
      `total cost ${output.total_cost ?? '?'}, estimated rows ${output.estimated_rows ?? '?'}`,
      ...output.nodes.map(
        (node) =>
          `${'  '.repeat(node.depth)}${oneLine(node.node)}${node.cost === null ? '' : ` cost=${node.cost}`}${node.rows === null ? '' : ` rows=${node.rows}`}`,
      ),
      ...output.warnings.map((warning) => `! ${oneLine(warning)}`),
    ].join('\n'),
});

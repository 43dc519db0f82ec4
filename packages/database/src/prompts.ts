import { definePrompt } from './define.js';
import { allSources, pickSource } from './sources.js';

const sourceArgument = {
  description: 'Source id (default: the first source)',
  complete: (value: string, context: Parameters<typeof allSources>[0]) =>
    allSources(context)
      .map((source) => source.id)
      .filter((id) => id.startsWith(value)),
};

export const exploreSchema = definePrompt({
  name: 'explore_schema',
  title: 'Explore an unknown database',
  description: 'Orient in a database: schemas, main tables, how they relate, and a few example queries.',
  args: { source: sourceArgument },
  render: (args, context) => {
    // An unknown source fails here, naming the configured ones.
    const source = pickSource(context, args.source || undefined).id;
    return [
      `Help me understand the database of source "${source}" (pass source: "${source}" to every tool).`,
      '1. Call db_list_schemas, then db_list_tables for the schemas that hold application data.',
      `2. Pick the tables with the most rows or the most foreign keys and call db_describe_table on each (or read db://${source}/schema for everything at once).`,
      '3. Summarise: what the database is for, the main entities and how they join (foreign keys both ways), and anything odd (tables without primary keys, missing indexes on foreign keys).',
      '4. Suggest three useful read-only queries and run them with db_query, keeping max_rows small.',
    ].join('\n');
  },
});

export const optimizeQuery = definePrompt({
  name: 'optimize_query',
  title: 'Optimise a slow query',
  description: 'Explain a query, find the slow parts, and propose indexes or rewrites.',
  args: { sql: { description: 'The query to optimise', required: true }, source: sourceArgument },
  render: (args, context) =>
    [
      `Make this query faster (source "${pickSource(context, args.source || undefined).id}"):`,
      '```sql',
      args.sql ?? '',
      '```',
      '1. Call db_explain on it and read the plan: the most expensive nodes, sequential/full scans of big tables, row estimates far from what you expect.',
      '2. Call db_describe_table on the tables involved to see their indexes and keys.',
      '3. Propose concrete fixes: the exact CREATE INDEX statements, or a rewritten query (sargable predicates, fewer rows before joins, no SELECT *), and say why each helps.',
      '4. If you rewrite the query, check with db_explain that the new plan is cheaper. Do not create indexes yourself; give the statements to the user.',
    ].join('\n'),
});

export const prompts = [exploreSchema, optimizeQuery];

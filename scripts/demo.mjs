#!/usr/bin/env node
// `pnpm demo`: starts the database server on its bundled SQLite demo database, drives it with the real MCP
// client over stdio, and prints what a model would see.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connectServer } from '../packages/testkit/dist/index.js';

const databasePackage = fileURLToPath(new URL('../packages/database', import.meta.url));
const step = (title) => console.log(`\n\x1b[1m▶ ${title}\x1b[0m`);

if (!existsSync(`${databasePackage}/dist/bin.js`)) {
  console.error('packages/database is not built; run `pnpm build` first.');
  process.exit(1);
}

const server = await connectServer(databasePackage, { args: ['--demo'] });
try {
  step('initialize');
  console.log(server.client.getInstructions());

  step('tools/list');
  for (const tool of (await server.client.listTools()).tools) {
    console.log(`  ${tool.name.padEnd(20)} ${tool.annotations?.readOnlyHint ? 'read-only ' : 'writes    '} ${tool.description?.split('\n')[0]}`);
  }

  // Each step says whether it should answer or be refused; the demo exits non-zero when one does not,
  // so CI notices a demo that has stopped showing what the README promises.
  const show = async (title, name, args, expect = 'answer') => {
    step(`${title}\n  ${name} ${JSON.stringify(args)}`);
    const result = await server.call(name, args);
    console.log(`${result.isError ? '  ✗ ' : ''}${result.text}`);
    if (result.isError !== (expect === 'refusal')) {
      console.error(`\ndemo step "${title}" should have ${expect === 'refusal' ? 'been refused' : 'answered'}`);
      process.exitCode = 1;
    }
  };
  await show('What tables are there?', 'db_list_tables', {});
  await show('Top customers by revenue, ranked with a window function', 'db_query', {
    sql: `SELECT u.full_name AS customer, count(o.id) AS orders, round(sum(o.total_cents) / 100.0, 2) AS revenue,
                 rank() OVER (ORDER BY sum(o.total_cents) DESC) AS rank
          FROM users u JOIN orders o ON o.user_id = u.id
          WHERE o.status <> 'refunded'
          GROUP BY u.id ORDER BY revenue DESC LIMIT 5`,
  });
  await show('A write in read-only mode is refused', 'db_query', { sql: 'DELETE FROM users' }, 'refusal');
  await show('Stacked statements are refused', 'db_query', { sql: 'SELECT 1; DROP TABLE users' }, 'refusal');
  await show(
    'A denied table is refused, even inside a subquery',
    'db_query',
    { sql: 'SELECT * FROM users WHERE id IN (SELECT user_id FROM api_keys)' },
    'refusal',
  );
} finally {
  await server.close();
}
console.log(process.exitCode ? '\ndemo finished with a failed step.' : '\ndemo done.');

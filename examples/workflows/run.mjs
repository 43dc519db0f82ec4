#!/usr/bin/env node
// `pnpm demo [scenario|all] [--read-only] [--json] [--list]`: starts fake GitHub, Sentry, Linear and Slack
// APIs on 127.0.0.1, launches the five toolbridge servers over stdio with the MCP client, and runs a
// scenario of this folder as a sequence of tool calls. Exits 1 when a step did not do what it should.
import { parseArgs } from 'node:util';
import { watchChanges } from './runner/changes.mjs';
import { startDemo } from './runner/demo.mjs';
import { createReporter } from './runner/output.mjs';
import { loadScenario, SCENARIOS } from './runner/scenarios.mjs';

const usage = `usage: pnpm demo [${SCENARIOS.join('|')}|all] [--read-only] [--json] [--list]`;
let options;
try {
  options = parseArgs({
    allowPositionals: true,
    options: { 'read-only': { type: 'boolean' }, json: { type: 'boolean' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = options;
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (values.list) {
  for (const name of SCENARIOS) console.log(`${name.padEnd(17)} ${(await loadScenario(name)).title}`);
  process.exit(0);
}
const wanted = positionals[0] ?? 'bug-analysis';
if (positionals.length > 1 || (wanted !== 'all' && !SCENARIOS.includes(wanted))) {
  console.error(`unknown scenario ${positionals.join(' ')}\n${usage}`);
  process.exit(2);
}

// A reader that stops early (`| head`) must not stop the run before its servers and fakes are closed.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});
const reporter = createReporter(values.json ? 'json' : process.stdout.isTTY && !process.env.NO_COLOR ? 'tty' : 'plain');
const demo = await startDemo({ readOnly: values['read-only'], reporter });
try {
  const changes = watchChanges(demo.fakes);
  for (const name of wanted === 'all' ? SCENARIOS : [wanted]) await demo.run(await loadScenario(name));
  reporter({ type: 'summary', changes: changes() });
} finally {
  await demo.close();
}
const missing = Object.values(demo.servers).filter((server) => server.missing);
reporter({ type: 'end', failures: demo.failures, skipped: demo.skipped(), missing: missing.map((server) => server.name) });
process.exitCode = demo.failures.length ? 1 : 0;

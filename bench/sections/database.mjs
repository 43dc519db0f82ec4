// Database figures against the real PostgreSQL on 127.0.0.1: a 1M-row query (time to the answer, peak
// memory, rows and bytes handed to the model) and the throughput of many small queries.
import { createConnection } from 'node:net';
import { performance } from 'node:perf_hooks';
import { argsFor, firstLine, openSession } from '../lib/session.mjs';
import { median, percentile, shuffle } from '../lib/stats.mjs';

export const BIG_SQL = 'SELECT g AS n, md5(g::text) AS h FROM generate_series(1, 1000000) AS g';
/** Values far wider than a cell (1,000 characters) or a result (1 MB): [label, warm-up of the same shape, query]. */
export const HUGE_VALUES = [
  ['one 100 MB text cell', "SELECT repeat('x', 5) AS big", "SELECT repeat('x', 100000000) AS big"],
  ['one 300 MB bytea', "SELECT convert_to(repeat('y', 3), 'UTF8') AS blob", "SELECT convert_to(repeat('y', 300000000), 'UTF8') AS blob"],
  [
    'twenty 20 MB rows',
    'SELECT g, repeat(md5(g::text), 2) AS wide FROM generate_series(1, 2) AS g',
    'SELECT g, repeat(md5(g::text), 655360) AS wide FROM generate_series(1, 20) AS g',
  ],
];
export const SMALL_SQL = 'SELECT 1 AS one';

/** Resolves to undefined when something accepts TCP connections on host:port, else the reason. */
export function probeTcp(host, port, timeoutMs = 1_000) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (reason) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer from ${host}:${port} within ${timeoutMs} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error) => done(`${host}:${port}: ${error.code ?? error.message}`));
  });
}

/** The tool a target runs SQL with and a function building its arguments, or undefined. */
function queryToolOf(target, tools) {
  if (target.queryTool) return { name: target.queryTool.name, args: target.queryTool.args };
  const tool = tools.find((candidate) => candidate.name === 'db_query') ?? tools.find((candidate) => /_query$/.test(candidate.name));
  if (!tool) return undefined;
  return { name: tool.name, args: (sql) => argsFor(tool, { sql, query: sql }) };
}

/** Rows in a query answer, whatever its shape: structured rows, a JSON array, or {rows}/{data:{rows}}. */
function countRows(outcome) {
  const structured = outcome.result.structuredContent;
  if (Array.isArray(structured?.rows)) return structured.rows.length;
  try {
    const parsed = JSON.parse(outcome.text);
    const rows = Array.isArray(parsed) ? parsed : (parsed.rows ?? parsed.data?.rows);
    if (Array.isArray(rows)) return rows.length;
  } catch {}
  return undefined;
}

async function bigQuery(target, timeoutMs) {
  const opened = await openSession(target, { timeoutMs: 60_000 });
  try {
    const query = queryToolOf(target, opened.tools);
    if (!query) throw new Error(`${target.id} offers no SQL query tool`);
    const before = opened.session.memory().hwm;
    const sent = performance.now();
    const outcome = await opened.session.callTool(query.name, query.args(BIG_SQL), timeoutMs);
    const ms = outcome.at - sent;
    if (outcome.isError) throw new Error(firstLine(outcome.text));
    return { ms, hwm: opened.session.memory().hwm, hwmBefore: before, rows: countRows(outcome), bytes: outcome.bytes };
  } finally {
    await opened.session.close();
  }
}

/**
 * Sequential SELECT 1 calls, one open session per target, in blocks of 50 that rotate through the targets
 * in random order: the database and the machine are shared, and a busy moment must hit every server alike.
 */
async function smallQueries(targets, count, log) {
  const sessions = [];
  try {
    for (const target of targets) {
      const entry = { target, samples: [], ms: 0 };
      sessions.push(entry);
      try {
        entry.opened = await openSession(target, { timeoutMs: 60_000 });
        entry.query = queryToolOf(target, entry.opened.tools);
        if (!entry.query) throw new Error(`${target.id} offers no SQL query tool`);
        for (let index = 0; index < 10; index++) await entry.opened.session.callTool(entry.query.name, entry.query.args(SMALL_SQL));
      } catch (error) {
        entry.error = firstLine(error.message);
      }
    }
    const live = sessions.filter((entry) => !entry.error);
    const block = 50;
    for (let done = 0; done < count; done += block) {
      for (const entry of shuffle([...live])) {
        if (entry.error) continue;
        const started = performance.now();
        try {
          for (let index = 0; index < Math.min(block, count - done); index++) {
            const sent = performance.now();
            const outcome = await entry.opened.session.callTool(entry.query.name, entry.query.args(SMALL_SQL));
            if (outcome.isError) throw new Error(firstLine(outcome.text));
            entry.samples.push(outcome.at - sent);
          }
        } catch (error) {
          entry.error = firstLine(error.message);
        }
        entry.ms += performance.now() - started;
      }
    }
    log(`database: ${count} small queries per server, interleaved`);
    return new Map(
      sessions.map((entry) => [
        entry.target.id,
        entry.error
          ? { error: entry.error }
          : { perSecond: entry.samples.length / (entry.ms / 1000), median: median(entry.samples), p90: percentile(entry.samples, 90) },
      ]),
    );
  } finally {
    for (const entry of sessions) await entry.opened?.session.close();
  }
}

/** SELECT 1 in a fresh process, sent right after tools/list or after `idleMs` of quiet (as a model would). */
async function firstQuery(target, idleMs) {
  const opened = await openSession(target, { timeoutMs: 60_000 });
  try {
    const query = queryToolOf(target, opened.tools);
    if (!query) throw new Error(`${target.id} offers no SQL query tool`);
    if (idleMs) await new Promise((resolve) => setTimeout(resolve, idleMs));
    const sent = performance.now();
    const outcome = await opened.session.callTool(query.name, query.args(SMALL_SQL));
    if (outcome.isError) throw new Error(firstLine(outcome.text));
    return outcome.at - sent;
  } finally {
    await opened.session.close();
  }
}

const FIRST_QUERY_IDLE_MS = 1_000;

/**
 * A huge value through toolbridge's query tool: time to the answer and how far the process's peak memory
 * rose above its resident size before the call (after a warm-up call of the same shape, so the SQL guard's
 * parser has grown already).
 */
async function hugeValue(target, [label, warmUp, sql], timeoutMs) {
  const opened = await openSession(target, { timeoutMs: 60_000 });
  try {
    const query = queryToolOf(target, opened.tools);
    await opened.session.callTool(query.name, query.args(warmUp));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const before = opened.session.memory().rss;
    const sent = performance.now();
    const outcome = await opened.session.callTool(query.name, query.args(sql), timeoutMs);
    if (outcome.isError) throw new Error(firstLine(outcome.text));
    return { label, ms: outcome.at - sent, growth: opened.session.memory().hwm - before, bytes: outcome.bytes };
  } finally {
    await opened.session.close();
  }
}

/** targets: database servers (toolbridge and peers). Rounds interleave the big query across targets. */
export async function measureDatabase(targets, { rounds, smallCount, bigTimeoutMs = 180_000 }, log) {
  const results = new Map(targets.map((target) => [target.id, { target, big: [], first: [], firstIdle: [], error: undefined }]));
  for (let round = 0; round < rounds; round++) {
    for (const target of shuffle([...targets])) {
      const entry = results.get(target.id);
      if (entry.error) continue;
      try {
        entry.big.push(await bigQuery(target, bigTimeoutMs));
        entry.first.push(await firstQuery(target, 0));
        entry.firstIdle.push(await firstQuery(target, FIRST_QUERY_IDLE_MS));
      } catch (error) {
        entry.error = `1M-row or first query: ${firstLine(error.message)}`;
      }
    }
    log(`database: 1M-row round ${round + 1}/${rounds}`);
  }
  const small = await smallQueries(targets, smallCount, log);
  for (const [id, outcome] of small) {
    const entry = results.get(id);
    if (outcome.error) entry.smallError = outcome.error;
    else entry.small = outcome;
  }
  for (const entry of results.values()) {
    if (entry.target.kind === 'peer') continue;
    entry.huge = [];
    for (const value of HUGE_VALUES) {
      try {
        entry.huge.push(await hugeValue(entry.target, value, bigTimeoutMs));
      } catch (error) {
        entry.huge.push({ label: value[0], error: firstLine(error.message) });
      }
    }
    log(`database: huge values through ${entry.target.id}`);
  }
  for (const entry of results.values()) {
    if (!entry.big.length) continue;
    entry.bigMs = median(entry.big.map((run) => run.ms));
    entry.bigHwm = median(entry.big.map((run) => run.hwm));
    entry.bigRows = entry.big[0].rows;
    entry.firstMs = median(entry.first);
    entry.firstIdleMs = median(entry.firstIdle);
    entry.bigBytes = entry.big[0].bytes;
  }
  return results;
}

// Turns the measurements into the markdown of RESULTS.md. Every figure carries its ratio to the best peer
// of the same service (lower is better everywhere except throughput), and start-up also to the floor.
import { bestPeer, na, scrub, table } from './lib/report.mjs';
import { int, mb, ms, ratio } from './lib/stats.mjs';
import { countTokens, ENCODING } from './lib/tokens.mjs';
import { installSizeSection } from './sections/install-size.mjs';

const kindLabel = { toolbridge: 'toolbridge', peer: 'peer', floor: 'floor' };
const withRatio = (value, reference, format) =>
  value === undefined ? 'n/a' : `${format(value)}${reference !== undefined ? ` (${ratio(value, reference)})` : ''}`;

function startupSection({ startup }) {
  if (startup.error) return [`## Cold start and memory\n\n${na(startup.error)}`];
  const entries = [...startup.results.values()];
  const floor = startup.results.get('floor-sdk-bundled')?.listMedian;
  const rows = entries.map((entry) => {
    const { target } = entry;
    if (!entry.init.length) return [target.label, kindLabel[target.kind], na(entry.error ?? 'did not start'), '', '', '', '', ''];
    const peerList = bestPeer(entries, target.service, (other) => other.listMedian);
    const peerHwm = bestPeer(entries, target.service, (other) => other.hwmMedian);
    return [
      target.label,
      kindLabel[target.kind],
      `${ms(entry.initMedian)} / ${ms(entry.initP90)}`,
      `${ms(entry.listMedian)} / ${ms(entry.listP90)}`,
      target.kind === 'peer' || peerList === undefined ? '' : ratio(entry.listMedian, peerList),
      floor === undefined ? '' : ratio(entry.listMedian, floor),
      mb(entry.hwmMedian),
      target.kind === 'peer' || peerHwm === undefined ? '' : ratio(entry.hwmMedian, peerHwm),
    ];
  });
  rows.push([
    '`node -e ""` (process only, spawn → exit)',
    'floor',
    '',
    `${ms(startup.nodeOnly.median)} / ${ms(startup.nodeOnly.p90)}`,
    '',
    floor === undefined ? '' : ratio(startup.nodeOnly.median, floor),
    '',
    '',
  ]);
  return [
    '## Cold start and memory',
    `Spawn → \`initialize\` answered and spawn → \`tools/list\` answered, median / p90 over ${startup.results.values().next().value?.init.length ?? 0} launches per server, rounds interleaved in random order. VmHWM is the peak resident set (from /proc) right after tools/list. Ratios: × best peer of the same service, × the bundled minimal SDK server.`,
    table(['server', 'kind', 'initialize (med / p90)', 'tools/list (med / p90)', '× best peer', '× floor', 'VmHWM', 'VmHWM × best peer'], rows),
    ...errorsOf(entries),
  ];
}

function startupByNodeSection({ startupByNode }) {
  if (!startupByNode || startupByNode.error) return ['## Start-up by Node version', na(startupByNode?.error ?? 'not measured')];
  const { nodes, results } = startupByNode;
  const entries = [...results.values()];
  const at = (base, node) => entries.find((entry) => entry.target.base === base && entry.target.node === node);
  const bases = [...new Map(entries.map((entry) => [entry.target.base, entry.target])).values()];
  const rows = bases.map((target) => [
    target.label,
    kindLabel[target.kind],
    ...nodes.map(({ version }) => {
      const entry = at(target.base, version);
      if (!entry?.list.length) return na(entry?.error ?? 'did not start');
      const peer =
        target.kind === 'toolbridge'
          ? bestPeer(
              entries.filter((other) => other.target.node === version),
              target.service,
              (other) => other.listMedian,
            )
          : undefined;
      return withRatio(entry.listMedian, peer, ms);
    }),
  ]);
  return [
    '## Start-up by Node version',
    `Spawn → \`tools/list\` answered, median over ${entries[0]?.list.length ?? 0} launches, every server on every Node version interleaved in one run (default toolsets; official Node builds from bench/runtimes). Ratios: × best peer of the same service on the same Node. toolbridge bins keep V8's code cache of their bundle in their cache directory (one per build and Node version), so every launch after the first starts from cached code, as on a user's machine.`,
    table(['server', 'kind', ...nodes.map((node) => node.label)], rows),
  ];
}

function resultTokensSection({ resultTokens, tokenizerMissing }) {
  const lines = ['## Result tokens'];
  if (!resultTokens || resultTokens.error) return [...lines, na(resultTokens?.error ?? 'not measured')];
  const measured = resultTokens.rows.filter((row) => row.call && !row.error);
  const seen = (row) => row.structuredTokens ?? row.textTokens;
  const rows = resultTokens.rows.map((row) => {
    if (row.error) return [row.target.label, row.call?.label ?? '', na(row.error), '', '', ''];
    if (tokenizerMissing) return [row.target.label, row.call.label, na(tokenizerMissing), '', '', ''];
    const isPeer = row.target.kind === 'peer';
    const peers = measured.filter(
      (other) => other.target.kind === 'peer' && other.call.label === row.call.label && other.target.service === row.target.service,
    );
    const best = isPeer || !peers.length ? undefined : Math.min(...peers.map(seen));
    return [
      row.target.label,
      row.call.label,
      row.structuredTokens === undefined ? 'none' : `${int(row.structuredTokens)} (${int(row.structuredBytes)} B)`,
      `${int(row.textTokens)} (${int(row.textBytes)} B)`,
      withRatio(seen(row), best, int),
      row.emptyFields === undefined ? '' : String(row.emptyFields),
    ];
  });
  lines.push(
    `Tokens (${ENCODING}) of representative answers, both ways a client can pass one on: the \`structuredContent\` JSON (Claude Code hands the model that when a tool returns it, and the text block never reaches the model) and the text block. "Model sees" is the structured JSON when there is one, else the text; ratio to the best peer making the same call (the same SQL through each database server). Empty fields: object fields in the structured answer that are null, "", [] or {}. Calls go to the bench's fakes (GitHub, Slack, Linear, Sentry) and to PostgreSQL on 127.0.0.1; the Slack, Linear and Sentry peers only reach their vendor's hosts, so they make none of these calls.`,
    table(['server', 'call', 'structuredContent tokens', 'text tokens', 'model sees (× best peer)', 'empty fields'], rows),
  );
  return lines;
}

function errorsOf(entries) {
  const failing = entries.filter((entry) => entry.error && entry.init.length);
  return failing.length ? [failing.map((entry) => `- ${entry.target.label}: ${scrub(entry.error)}`).join('\n')] : [];
}

/** What a client such as Claude Code passes on to the model: title, annotations and outputSchema stay with the client. */
const modelView = (tool) => ({ name: tool.name, description: tool.description, input_schema: tool.inputSchema });

function tokensOfTools(tools) {
  const perTool = tools.map((tool) => ({
    name: tool.name,
    tokens: countTokens(tool),
    modelTokens: countTokens(modelView(tool)),
    bytes: Buffer.byteLength(JSON.stringify(tool)),
  }));
  return { perTool, tokens: countTokens(tools), modelTokens: countTokens(tools.map(modelView)), bytes: Buffer.byteLength(JSON.stringify(tools)) };
}

function toolsSection({ startup, tokenizerMissing }) {
  if (startup.error) return [];
  const entries = [...startup.results.values()].filter((entry) => entry.tools && entry.target.kind !== 'floor' && entry.target.variant !== 'telemetry');
  const measured = new Map(entries.map((entry) => [entry, tokensOfTools(entry.tools)]));
  const rows = entries.map((entry) => {
    const { tokens, modelTokens, bytes } = measured.get(entry);
    const count = entry.tools.length;
    const { service } = entry.target;
    const peerTokens = bestPeer(entries, service, (other) => measured.get(other).tokens);
    const peerModelTokens = bestPeer(entries, service, (other) => measured.get(other).modelTokens);
    const peerPerTool = bestPeer(entries, service, (other) => (other.tools.length ? measured.get(other).modelTokens / other.tools.length : undefined));
    const perTool = count && modelTokens !== undefined ? modelTokens / count : undefined;
    const isPeer = entry.target.kind === 'peer';
    const cell = (value, reference) => (value === undefined ? na(tokenizerMissing) : isPeer ? int(value) : withRatio(value, reference, int));
    return [entry.target.label, service, String(count), int(bytes), cell(tokens, peerTokens), cell(modelTokens, peerModelTokens), cell(perTool, peerPerTool)];
  });
  const lines = [
    '## tools/list size',
    `What the tool list costs the model on every request: compact JSON of \`result.tools\`, bytes and tokens (${ENCODING}). toolbridge rows show the default toolsets and \`--toolsets all\`; ratios are to the best (smallest) peer of the same service. A peer with fewer tools is not a like-for-like comparison: see model tokens per tool. "Model tokens" counts only what a client such as Claude Code hands the model (name, description, input schema); titles, annotations and output schemas stay with the client, and only toolbridge sends output schemas.`,
    table(['server', 'service', 'tools', 'bytes', 'tokens (× best peer)', 'model tokens (× best peer)', 'model tokens per tool (× best peer)'], rows),
  ];
  const ours = entries.filter((entry) => entry.target.kind === 'toolbridge' && entry.target.variant === 'all');
  const offenders = ours
    .flatMap((entry) => measured.get(entry).perTool)
    .filter((tool) => tool.tokens !== undefined)
    .sort((a, b) => b.tokens - a.tokens);
  if (offenders.length) {
    lines.push(
      '### Most expensive toolbridge tools (all toolsets)',
      table(
        ['tool', 'tokens', 'model tokens', 'bytes'],
        offenders.slice(0, 12).map((tool) => [tool.name, int(tool.tokens), int(tool.modelTokens), int(tool.bytes)]),
      ),
    );
  }
  return lines;
}

function pingSection({ ping, startup }) {
  if (ping.error) return ['## Ping round trip', na(ping.error)];
  const labels = startup.results ? new Map([...startup.results.values()].map((entry) => [entry.target.id, entry.target])) : new Map();
  const entries = [...ping.entries()].map(([id, entry]) => ({ ...entry, target: labels.get(id) ?? { id, label: id, kind: 'peer', service: '' } }));
  const rows = entries.map((entry) => {
    if (entry.error) return [entry.target.label, na(entry.error), '', ''];
    const peer = entry.target.kind === 'peer' ? undefined : bestPeer(entries, entry.target.service, (other) => other.median);
    return [
      entry.target.label,
      `${(entry.median * 1000).toFixed(0)} µs`,
      `${(entry.p90 * 1000).toFixed(0)} µs`,
      peer === undefined ? '' : ratio(entry.median, peer),
    ];
  });
  return [
    '## Ping round trip',
    `\`ping\` request → answer on an open session, ${entries[0]?.samples.length ?? 0} per server in interleaved blocks of 20 after 20 warm-up pings.`,
    table(['server', 'median', 'p90', '× best peer'], rows),
  ];
}

function overheadSection({ overhead, github }) {
  const lines = ['## Added cost of one tool call'];
  if (overhead.error) return [...lines, na(overhead.error)];
  const { bare, core, coreHit } = overhead;
  lines.push(
    "The same issue handler (GET one issue from a fake upstream on 127.0.0.1, trim it to five fields) served by a bare SDK `McpServer` (SDK input/output validation, global fetch) and by `@toolbridge/core` (zod validation, egress check, rate limiter, response cache, retries/breaker, output budget, redaction, audit log to a file). Both are esbuild bundles; calls alternate in blocks of 10; every call reads a new issue, so core's cache misses.",
    table(
      ['path', 'median', 'p90', 'added vs bare (median)'],
      [
        ['bare SDK server', ms(bare.median), ms(bare.p90), ''],
        [
          'through @toolbridge/core (cache miss)',
          ms(core.median),
          ms(core.p90),
          core.median === undefined ? '' : `${((core.median - bare.median) * 1000).toFixed(0)} µs (${ratio(core.median, bare.median)})`,
        ],
        [
          'through @toolbridge/core (cache hit)',
          ms(coreHit.median),
          ms(coreHit.p90),
          coreHit.median === undefined ? '' : `${((coreHit.median - bare.median) * 1000).toFixed(0)} µs`,
        ],
      ],
    ),
  );
  if (overhead.error === undefined && (bare.error || core.error)) lines.push(na(bare.error ?? core.error));
  if (github && !github.error) {
    lines.push(
      github.call
        ? `toolbridge-github \`github_get_issue\` against the ${github.fakeKind}, cache off, ${github.call.count} calls: median ${ms(github.call.median)}, p90 ${ms(github.call.p90)}, ${github.call.requests} upstream requests. No peer can be pointed at a fake GitHub (server-github hard-codes api.github.com), so there is no peer figure.`
        : `toolbridge-github call: ${na(github.callError ?? 'not measured')}`,
    );
  }
  return lines;
}

function cacheSection({ github }) {
  const lines = ['## Cache effect and GraphQL batch'];
  if (github.error) return [...lines, na(github.error)];
  if (github.cache) {
    const { on, off } = github.cache;
    lines.push(
      `100 \`github_get_issue\` reads of the same issue against the ${github.fakeKind}, each mode in a fresh process. Cache off is \`TOOLBRIDGE_CACHE_TTL=0\`.`,
      table(
        ['cache', 'upstream requests', 'total time', 'median per call'],
        [
          ['on (default, 60 s TTL)', String(on.requests), ms(on.ms), ms(on.median)],
          ['off', String(off.requests), ms(off.ms), ms(off.median)],
        ],
      ),
    );
  } else lines.push(`Cache: ${na(github.cacheError ?? github.callError ?? 'not measured')}`);
  if (github.batchOne && github.batchSingles) {
    lines.push(
      `The same 20 issues read two ways (cache off): one \`github_get_issues\` call (one GraphQL request) and 20 \`github_get_issue\` calls.`,
      table(
        ['how', 'tool calls', 'upstream requests', 'time'],
        [
          ['github_get_issues', '1', String(github.batchOne.requests), ms(github.batchOne.ms)],
          ['github_get_issue × 20', '20', String(github.batchSingles.requests), ms(github.batchSingles.ms)],
        ],
      ),
    );
  } else lines.push(`GraphQL batch: ${na(github.batchError ?? 'not measured')}`);
  return lines;
}

function sentrySection({ sentry }) {
  if (!sentry) return [];
  const lines = ['## Sentry'];
  if (sentry.error) return [...lines, na(sentry.error)];
  if (sentry.details) {
    lines.push(
      `toolbridge-sentry \`sentry_get_error_details\` (the issue and its latest event: two requests) against testkit's fake Sentry, cache off, ${sentry.details.count} calls: median ${ms(sentry.details.median)}, p90 ${ms(sentry.details.p90)}. No peer is pointed at the fake, so there is no peer figure.`,
    );
  }
  const { telemetry } = sentry;
  if (telemetry) {
    lines.push(
      `Telemetry when enabled (\`TOOLBRIDGE_TELEMETRY_DSN\`): start-up and memory are in the cold-start table (\`with TOOLBRIDGE_TELEMETRY_DSN\` rows). The first failed call loads @sentry/node (its own chunk) and sends the report: ${ms(telemetry.firstReportMs)} from the call to the envelope at a local ingest endpoint (the call's answer does not wait for it); resident memory ${mb(telemetry.rssBefore)} → ${mb(telemetry.rssAfter)}, peak ${mb(telemetry.hwmBefore)} → ${mb(telemetry.hwmAfter)}.`,
    );
  }
  return lines;
}

function slackSection({ slack }) {
  if (!slack) return [];
  const lines = ['## Slack'];
  if (slack.error) return [...lines, na(slack.error)];
  lines.push(
    `toolbridge-slack \`slack_get_channel_messages\` (#general, 7 days) against testkit's fake Slack, core's cache off. The first call of a fresh process with an empty cache directory: ${ms(slack.first.ms)}, ${slack.first.requests} requests (the history, plus users.list and conversations.list for the names cache, unless the idle warm-up after tools/list already loaded it). Then ${slack.warm.count} calls: median ${ms(slack.warm.median)}, p90 ${ms(slack.warm.p90)}, ${slack.warm.requestsPerCall.toFixed(1)} requests a call (names come from the cache). The peer server-slack has slack.com hard-coded, so there is no peer figure.`,
  );
  return lines;
}

function linearSection({ linear }) {
  if (!linear) return [];
  const lines = ['## Linear'];
  if (linear.error) return [...lines, na(linear.error)];
  lines.push(
    "Requests per call of the seed's three metric tools against testkit's fake Linear (cache off), each in a fresh process: the first call also reads the workspace names resolve from (once per process).",
    table(
      ['tool', 'requests, first call', 'requests, next calls', 'next call time'],
      linear.metrics.map((metric) => [`\`${metric.name}\``, String(metric.cold), String(metric.warm), ms(metric.warmMs)]),
    ),
  );
  if (linear.issue) {
    lines.push(
      `toolbridge-linear \`linear_get_issue\` (one request) against the fake, ${linear.issue.count} calls: median ${ms(linear.issue.median)}, p90 ${ms(linear.issue.p90)}. The peer (@tacticlaunch/mcp-linear) hard-codes Linear's endpoint, so there is no peer figure.`,
    );
  }
  if (linear.problems) lines.push(`Fake Linear problems: ${linear.problems.join('; ')}`);
  return lines;
}

function databaseSection({ database }) {
  const lines = ['## Database (PostgreSQL on 127.0.0.1)'];
  if (database.error) return [...lines, na(database.error)];
  const entries = [...database.values()];
  const bigRows = entries.map((entry) => {
    if (!entry.big.length) return [entry.target.label, na(entry.error ?? 'not measured'), '', '', ''];
    const isPeer = entry.target.kind === 'peer';
    const peerMs = isPeer ? undefined : bestPeer(entries, 'database', (other) => other.bigMs);
    const peerHwm = isPeer ? undefined : bestPeer(entries, 'database', (other) => other.bigHwm);
    return [
      entry.target.label,
      withRatio(entry.bigMs, peerMs, ms),
      withRatio(entry.bigHwm, peerHwm, mb),
      entry.bigRows === undefined ? 'n/a' : int(entry.bigRows),
      int(entry.bigBytes),
    ];
  });
  const smallRows = entries.map((entry) => {
    if (!entry.small) return [entry.target.label, na(entry.smallError ?? 'not measured'), '', ''];
    const isPeer = entry.target.kind === 'peer';
    const peerRate = isPeer
      ? undefined
      : Math.max(...entries.filter((other) => other.target.kind === 'peer' && other.small).map((other) => other.small.perSecond));
    return [
      entry.target.label,
      `${int(entry.small.perSecond)}/s${Number.isFinite(peerRate) ? ` (${ratio(entry.small.perSecond, peerRate)})` : ''}`,
      ms(entry.small.median),
      ms(entry.small.p90),
    ];
  });
  const firstRows = entries.map((entry) => {
    if (entry.firstMs === undefined) return [entry.target.label, na(entry.error ?? 'not measured'), ''];
    const isPeer = entry.target.kind === 'peer';
    const peerFirst = isPeer ? undefined : bestPeer(entries, 'database', (other) => other.firstMs);
    const peerIdle = isPeer ? undefined : bestPeer(entries, 'database', (other) => other.firstIdleMs);
    return [entry.target.label, withRatio(entry.firstMs, peerFirst, ms), withRatio(entry.firstIdleMs, peerIdle, ms)];
  });
  const rounds = entries[0]?.big.length ?? 0;
  lines.push(
    `A 1,000,000-row query (\`generate_series\` with an md5 column) through each server's query tool with its default limits, fresh process each time, median of ${rounds}: time from the call to the answer (the first row a model can see), VmHWM after it, rows and bytes that reach the client. toolbridge caps at max_rows (streams with a cursor); a peer without a cap ships every row.`,
    table(['server', 'time to answer (× best peer)', 'VmHWM (× best peer)', 'rows returned', 'answer bytes'], bigRows),
    `The first \`SELECT 1\` of a fresh process, sent right after tools/list and after 1 s of quiet (a model takes longer than that to write its first query), median of ${rounds}.`,
    table(['server', 'right after tools/list (× best peer)', 'after 1 s (× best peer)'], firstRows),
    `Throughput of sequential small calls (\`SELECT 1\`) on one open session per server, after 10 warm-up calls, in blocks of 50 that rotate through the servers in random order (the database and the machine are shared).`,
    table(['server', 'calls per second (× best peer)', 'median', 'p90'], smallRows),
  );
  for (const entry of entries.filter((candidate) => candidate.huge?.length)) {
    lines.push(
      `Huge values through ${entry.target.label} with its default limits (cells cut at 1,000 characters on the database server, results at 1 MB): time to the answer (mostly the database building the value) and how far peak memory rose during the call (VmHWM after it minus VmRSS before it, after a warm-up call of the same shape), also as a multiple of the 1 MB result budget. The SQL guard's parser accounts for 10-20 MB of it on a statement it has not seen.`,
      table(
        ['value', 'time to answer', 'VmHWM growth', '× maxResultBytes', 'answer bytes'],
        entry.huge.map((run) =>
          run.error
            ? [run.label, na(run.error), '', '', '']
            : [run.label, ms(run.ms), mb(run.growth), `${(run.growth / 1_000_000).toFixed(1)}×`, int(run.bytes)],
        ),
      ),
    );
  }
  return lines;
}

function profileSection({ profile }) {
  const lines = ['## Where toolbridge start-up goes'];
  if (profile.error) return [...lines, na(profile.error)];
  for (const { target, composition, launches, imports } of profile.rows) {
    lines.push(
      `### ${target.label}`,
      `First launch (empty cache directory: V8 compiles the bundle) ${ms(launches.first)}, later launches (from the code cache, ${int(launches.cacheBytes)} bytes) ${ms(launches.later)}, median of 5 each.`,
      `Bundle: ${int(composition.total)} bytes in one script; code that only some calls need is compiled at its first call, and the packages loaded only later if ever (the proxy agent, the Sentry SDK, the MySQL driver, the SQL grammars) are in side bundles, not counted here. Largest parts: ${composition.packages
        .slice(0, 6)
        .map(([name, bytes]) => `${name} ${int(bytes)}`)
        .join(', ')}.`,
      table(
        ['import (unbundled, fresh process, median of 3)', 'ms'],
        imports.map((item) => [item.name, item.error ? na(item.error) : ms(item.ms)]),
      ),
    );
  }
  return lines;
}

function peerNotes(startup) {
  if (startup.error) return [];
  const peers = [...startup.results.values()].filter((entry) => entry.target.kind === 'peer');
  if (!peers.length) return [];
  return [
    '## Peers: what could be measured',
    peers
      .map(
        (entry) =>
          `- ${entry.target.label} (${entry.target.service}): ${entry.target.note ?? (entry.target.fakeable ? 'measured on the same database as toolbridge' : '')}`,
      )
      .join('\n'),
  ];
}

export function render(data) {
  const { machine, quick, notes, peersIncluded } = data;
  const sections = [
    '# toolbridge benchmarks',
    `${quick ? 'Quick run (`pnpm bench --quick`: one iteration, no peers; for keeping the script working, not for reading figures).' : 'Full run (`pnpm bench`).'} Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory} memory, ${machine.platform}. Node ${machine.node}. Date ${machine.date}.${machine.load === undefined ? '' : ` Load average (1 min) ${machine.load.toFixed(1)} at the start, ${machine.loadAtEnd?.toFixed(1) ?? 'n/a'} at the end: other work shares this machine, which is why every section interleaves the servers it compares.`}`,
    ...(peersIncluded ? [] : ['Peers not included in this run.']),
    ...startupSection(data),
    ...startupByNodeSection(data),
    ...toolsSection(data),
    ...resultTokensSection(data),
    ...pingSection(data),
    ...overheadSection(data),
    ...cacheSection(data),
    ...sentrySection(data),
    ...slackSection(data),
    ...linearSection(data),
    ...databaseSection(data),
    ...profileSection(data),
    ...installSizeSection(data),
    ...peerNotes(data.startup),
    ...(notes.length ? ['## Notes', notes.map((note) => `- ${note}`).join('\n')] : []),
  ];
  return `${scrub(sections.join('\n\n'))}\n`;
}

// How a run looks: colour and a step counter on a terminal, plain lines otherwise, JSON lines with --json.

const COLOURS = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 };

/** A reporter for startDemo writing to `stream` in `format` ('tty', 'plain' or 'json'). */
export function createReporter(format, stream = process.stdout) {
  const paint = (colour, text) => (format === 'tty' ? `\x1b[${COLOURS[colour]}m${text}\x1b[0m` : text);
  const write = (line) => stream.write(`${line}\n`);
  const args = (value) => {
    const json = JSON.stringify(value);
    return json.length > 160 ? `${json.slice(0, 159)}…` : json;
  };
  const MARK = { ok: ['green', '✓'], refused: ['yellow', '✗ refused:'], skipped: ['dim', '– skipped:'], failed: ['red', '✗ failed:'] };

  return (event) => {
    if (format === 'json') return write(JSON.stringify(event.type === 'servers' ? { type: 'servers', servers: event.servers.map(serverStatus) } : event));
    switch (event.type) {
      case 'servers':
        for (const server of event.servers) {
          const status = serverStatus(server);
          write(
            paint(
              'dim',
              `${server.name.padEnd(8)} ${status.ready ? status.command : paint(status.missing ? 'yellow' : 'red', `${status.missing ? 'missing' : 'failed'}: ${status.reason}`)}`,
            ),
          );
        }
        return;
      case 'scenario':
        return write(`\n${paint('bold', `▶ ${event.name}`)}  ${paint('dim', event.title)}`);
      case 'note':
        return write(paint('dim', `  ${event.text}`));
      case 'step': {
        const [colour, mark] = MARK[event.outcome];
        const counter = format === 'tty' ? paint('dim', `${String(event.step).padStart(2)}. `) : '';
        const verdict = event.asExpected === false ? paint('red', ` (expected ${event.expected === 'refusal' ? 'a refusal' : 'an answer'})`) : '';
        write(`${counter}${paint('cyan', event.server)} › ${paint('bold', event.tool)} ${paint('dim', args(event.args))}`);
        return write(`    ${paint(colour, mark)} ${event.result}${verdict}`);
      }
      case 'summary':
        write(`\n${paint('bold', 'What changed')}`);
        for (const [server, changes] of Object.entries(event.changes)) {
          write(`  ${paint('cyan', server.padEnd(8))} ${changes.length ? changes[0] : paint('dim', 'nothing')}`);
          for (const change of changes.slice(1)) write(`  ${' '.repeat(8)} ${change}`);
        }
        return;
      case 'end':
        return write(
          `\n${event.failures.length ? paint('red', `${event.failures.length} step(s) did not do what they should:\n${event.failures.map((line) => `  ${line}`).join('\n')}`) : paint('green', 'demo done.')}${event.skipped ? paint('yellow', ` ${event.skipped} step(s) skipped: ${event.missing.join(', ')} missing here.`) : ''}`,
        );
    }
  };
}

/** What the report says about one server: its launch line, or why it is not there. */
function serverStatus(server) {
  if (!server.client) return { name: server.name, ready: false, missing: server.missing, reason: server.reason };
  const env = Object.keys(server.launch.env).map((key) => `${key}=${/TOKEN|KEY/.test(key) ? '…' : server.launch.env[key]}`);
  const command = ['node', `packages/${server.name}/dist/bin.js`, ...server.launch.args.slice(1)].join(' ');
  return { name: server.name, ready: true, command: `${command}${env.length ? `  (${env.join(' ')})` : ''}` };
}

// Starts the fakes and the five servers, runs scenarios as sequences of tool calls, and tells a reporter
// about every step. Used by run.mjs (the `pnpm demo` command) and by the tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binPath, connectCommand } from '@toolbridge/testkit';
import { absence, SERVER_NAMES, SERVERS } from './servers.mjs';
import * as story from './story.mjs';

const packagesDir = fileURLToPath(new URL('../../../packages', import.meta.url));

/** A server the scenario can call, or the reason it cannot. */
async function startServer(name, { readOnly, cacheDir }) {
  const why = absence(name, packagesDir);
  if (why) return { name, ...why };
  const spec = SERVERS[name];
  let fake;
  try {
    fake = await spec.fake?.();
    const { args, env } = spec.launch(fake);
    const launch = { command: process.execPath, args: [binPath(join(packagesDir, name)), ...args, ...(readOnly ? ['--read-only'] : [])], env };
    const client = await connectCommand(launch.command, launch.args, { env: { ...env, TOOLBRIDGE_CACHE_DIR: cacheDir } });
    const tools = new Map((await client.client.listTools()).tools.map((tool) => [tool.name, tool]));
    return { name, fake, client, tools, launch };
  } catch (error) {
    await fake?.close();
    const message = String(error?.message ?? error).split('\n')[0];
    // A fake that cannot run without the shared API descriptions (Linear's schema) is missing on a machine
    // without them, as its package would be; anything else that stops a server is a failure.
    if (/API descriptions? .*not found/.test(message))
      return { name, missing: true, reason: `its fake needs the shared API descriptions (TOOLBRIDGE_API_SPECS): ${message}` };
    return { name, missing: false, reason: `did not start: ${message}` };
  }
}

/** One line of a result: untrusted-content fences shown as «…», at most 140 characters. */
export const oneLine = (text) => {
  const line = String(text)
    .replace(/<untrusted-content[^>]*>\s*/g, '«')
    .replace(/\s*<\/untrusted-content>/g, '»')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
};

/**
 * The text inside untrusted-content fences. The servers fence what outsiders wrote so a model treats it as
 * data; a script that only copies it (a commit message into a ticket, a file to edit) may take it out.
 */
export const unfence = (text) => String(text ?? '').replace(/<untrusted-content[^>]*>\n?|\n?<\/untrusted-content>/g, '');

/** The first non-empty line of a tool's text answer (the default summary of a step). */
const firstLine = (text) => oneLine(text.split('\n').find((candidate) => candidate.trim() !== '') ?? '');

/**
 * Starts every server (in parallel) with its fake. `readOnly` launches each with --read-only: write
 * steps are then expected to be refused by the server. The reporter gets `start`, `step` and `end` events.
 */
export async function startDemo({ readOnly = false, reporter = () => {} } = {}) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'toolbridge-demo-'));
  const servers = Object.fromEntries(
    (await Promise.all(SERVER_NAMES.map((name) => startServer(name, { readOnly, cacheDir })))).map((server) => [server.name, server]),
  );
  reporter({ type: 'servers', servers: Object.values(servers) });
  const failures = [];
  let counter = 0;
  let skipped = 0;

  /**
   * One tool call. Resolves to the structured result (or the text when there is none) when the server
   * answered, undefined otherwise. `expect: 'refusal'` marks a call that must be refused; `show` makes
   * the one-line summary of an answer.
   */
  const call = async (serverName, tool, args = {}, { expect = 'answer', show } = {}) => {
    const server = servers[serverName];
    const step = { step: ++counter, server: serverName, tool, args };
    if (!server.client) {
      const outcome = server.missing ? 'skipped' : 'failed';
      if (server.missing) skipped += 1;
      else failures.push(`${serverName} › ${tool}: ${server.reason}`);
      reporter({ type: 'step', ...step, outcome, expected: expect, result: `${serverName} server ${server.missing ? 'missing' : 'failed'}: ${server.reason}` });
      return undefined;
    }
    const listed = server.tools.get(tool);
    // Under --read-only the servers leave write tools out of tools/list; a call to one must be refused.
    const expected = readOnly && !listed ? 'refusal' : expect;
    const answer = await server.client.call(tool, args).catch((error) => ({ isError: true, text: String(error?.message ?? error) }));
    const outcome = answer.isError ? 'refused' : 'ok';
    const result = answer.isError ? firstLine(answer.text) : show ? oneLine(show(answer.structured ?? answer.text)) : firstLine(answer.text);
    const asExpected = (outcome === 'refused') === (expected === 'refusal');
    if (!asExpected) failures.push(`${serverName} › ${tool} should have ${expected === 'refusal' ? 'been refused' : 'answered'}: ${firstLine(answer.text)}`);
    reporter({ type: 'step', ...step, outcome, expected, asExpected, result, write: listed ? !listed.annotations?.readOnlyHint : true });
    return answer.isError ? undefined : (answer.structured ?? answer.text);
  };

  const clients = Object.fromEntries(SERVER_NAMES.map((name) => [name, (tool, args, options) => call(name, tool, args, options)]));
  const note = (text) => reporter({ type: 'note', text });
  return {
    servers,
    /** The fakes by server name (absent for a missing server), for the summary and the tests. */
    fakes: Object.fromEntries(Object.values(servers).flatMap((server) => (server.fake ? [[server.name, server.fake]] : []))),
    failures,
    /** How many steps were skipped because their server is missing from this checkout. */
    skipped: () => skipped,
    /** Runs one scenario module's default export with the five clients and the story. */
    run: async (scenario) => {
      reporter({ type: 'scenario', name: scenario.name, title: scenario.title });
      await scenario.run({ ...clients, note, unfence, story });
    },
    close: async () => {
      await Promise.all(
        Object.values(servers).map(async (server) => {
          await server.client?.close();
          await server.fake?.close();
        }),
      );
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

import { CallToolResultSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ConnectedServer } from './connect.js';
import { spawnRaw } from './raw-stdio.js';

/** One malformed line, and the JSON-RPC error code a server must answer it with. */
export interface MalformedLine {
  what: string;
  line: string;
  /** The id the answer must carry (absent when the line has none a server could read). */
  id?: string | number;
  code: number;
}

const message = (fields: Record<string, unknown>) => JSON.stringify(fields);
/** Over the 10 MB a server reads per message; the id comes last, as the SDK client writes it. */
const oversized = () =>
  `{"method":"tools/call","params":{"name":"any_tool","arguments":{"text":"${'x'.repeat(11 * 1024 * 1024)}"}},"jsonrpc":"2.0","id":"oversized"}`;

/** The lines, made on demand (one of them weighs 11 MB). */
export const malformedLines = (): MalformedLine[] => [
  { what: 'invalid JSON with a readable id', line: '{"jsonrpc":"2.0","id":"cut","method":"tools/list",', id: 'cut', code: -32700 },
  { what: 'invalid JSON', line: '{not json at all', code: -32700 },
  { what: '"jsonrpc": "1.0"', line: message({ jsonrpc: '1.0', id: 'v1', method: 'ping' }), id: 'v1', code: -32600 },
  { what: 'no "jsonrpc"', line: message({ id: 'no-version', method: 'ping' }), id: 'no-version', code: -32600 },
  { what: 'params as an array', line: message({ jsonrpc: '2.0', id: 'array', method: 'tools/list', params: [] }), id: 'array', code: -32602 },
  { what: 'params as a string', line: message({ jsonrpc: '2.0', id: 'string', method: 'tools/list', params: 'all' }), id: 'string', code: -32602 },
  { what: 'method as a number', line: message({ jsonrpc: '2.0', id: 'number', method: 42 }), id: 'number', code: -32600 },
  {
    what: 'arguments: null',
    line: message({ jsonrpc: '2.0', id: 'null-arguments', method: 'tools/call', params: { name: 'any_tool', arguments: null } }),
    id: 'null-arguments',
    code: -32602,
  },
  { what: 'an unexpected member', line: message({ jsonrpc: '2.0', id: 'extra', method: 'ping', extra: true }), id: 'extra', code: -32600 },
  { what: 'a batch', line: `[${message({ jsonrpc: '2.0', id: 'batched', method: 'ping' })}]`, code: -32600 },
  { what: 'a line over 10 MB', line: oversized(), id: 'oversized', code: -32600 },
];

export interface ProbeOutcome {
  what: string;
  expected: { id?: string | number; code: number };
  /** What came back: the id and code of the error, or nothing within the wait. */
  got: { id?: string | number; code: number | 'result'; message?: string } | 'no answer';
}

export interface RawProtocolProbe {
  /** tools/list, tools/call and ping sent before initialize. */
  beforeInitialize: ProbeOutcome[];
  /** Each of malformedLines(), sent after initialize. */
  malformed: ProbeOutcome[];
  /** Whether ping, tools/list still work after all that. */
  stillAnswers: boolean;
  /** How the process ended once stdin was closed. */
  exit: { code: number | null; signal: NodeJS.Signals | null; exitedByItself: boolean };
  stderr: string;
}

/** Drives a server over bare stdio with requests out of order and malformed lines, and reports what it answered. */
export async function probeRawProtocol(command: string, args: string[], env: Record<string, string> = {}): Promise<RawProtocolProbe> {
  const session = spawnRaw(command, args, env);
  const outcome = async (what: string, line: string, expected: ProbeOutcome['expected']): Promise<ProbeOutcome> => {
    session.send(line);
    const answer = await session.answer(expected.id);
    const got = answer ? { ...(answer.id === undefined ? {} : { id: answer.id }), ...(answer.error ?? { code: 'result' as const }) } : ('no answer' as const);
    return { what, expected, got };
  };
  const beforeInitialize = [
    await outcome('tools/list before initialize', message({ jsonrpc: '2.0', id: 'early-list', method: 'tools/list' }), { id: 'early-list', code: -32600 }),
    await outcome('tools/call before initialize', message({ jsonrpc: '2.0', id: 'early-call', method: 'tools/call', params: { name: 'any_tool' } }), {
      id: 'early-call',
      code: -32600,
    }),
  ];
  session.sendMessage({ id: 'early-ping', method: 'ping' });
  const earlyPing = await session.answer('early-ping');
  beforeInitialize.push({
    what: 'ping before initialize',
    expected: { id: 'early-ping', code: 0 },
    got: earlyPing?.result ? { id: 'early-ping', code: 0 } : 'no answer',
  });
  await session.initialize();
  const malformed: ProbeOutcome[] = [];
  for (const line of malformedLines())
    malformed.push(await outcome(line.what, line.line, { ...(line.id === undefined ? {} : { id: line.id }), code: line.code }));
  session.sendMessage({ id: 'after-ping', method: 'ping' });
  session.sendMessage({ id: 'after-list', method: 'tools/list' });
  const stillAnswers = Boolean((await session.answer('after-ping'))?.result && (await session.answer('after-list'))?.result);
  const exit = await session.end();
  return { beforeInitialize, malformed, stillAnswers, exit, stderr: session.stderr() };
}

export interface ClientProtocolProbe {
  /** The error the SDK client raised for a tools/call over 10 MB. */
  oversized: { code: number; message: string } | 'no error';
  /** The error the SDK client raised for tools/call with arguments: null. */
  nullArguments: { code: number; message: string } | 'no error';
  /** Whether ping and tools/list still work afterwards. */
  stillAnswers: boolean;
}

/** The same abuse through the real SDK client: an oversized call and a call with null arguments. */
export async function probeClientProtocol(server: ConnectedServer, toolName: string): Promise<ClientProtocolProbe> {
  const failure = async (call: () => Promise<unknown>) => {
    try {
      await call();
      return 'no error' as const;
    } catch (error) {
      if (!(error instanceof McpError)) throw error;
      return { code: error.code, message: error.message };
    }
  };
  const oversizedCall = await failure(() => server.client.callTool({ name: toolName, arguments: { text: 'x'.repeat(11 * 1024 * 1024) } }));
  const nullArguments = await failure(() =>
    server.client.request({ method: 'tools/call', params: { name: toolName, arguments: null } } as never, CallToolResultSchema),
  );
  await server.client.ping();
  const stillAnswers = (await server.client.listTools()).tools.length > 0;
  return { oversized: oversizedCall, nullArguments, stillAnswers };
}

/** Each probe answered otherwise than it should have been, described; empty when the server behaved. */
export function probeMismatches(probe: RawProtocolProbe): string[] {
  return [...probe.beforeInitialize, ...probe.malformed].flatMap(({ what, expected, got }) =>
    got !== 'no answer' && got.code === expected.code && got.id === expected.id
      ? []
      : [`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`],
  );
}

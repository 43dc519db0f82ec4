import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { createServer } from '../src/index.js';
import { connectChecked } from '../src/server/mcp.js';
import { StdioLineTransport } from '../src/server/stdio-transport.js';
import { probe, probeServer } from './helpers.js';

let aborted: (reason: unknown) => void = () => undefined;
const one = probe('probe_get_one', { one: z.number() }, async () => ({ one: 1 }));
const wait = probe('probe_get_wait', {}, (_input, context) => {
  const { signal } = context;
  return new Promise((_resolve, reject) =>
    signal.addEventListener('abort', () => {
      aborted(signal.reason);
      reject(signal.reason);
    }),
  );
});

/** A server on core's stdio transport over in-memory streams, initialized; `lines` collects what it writes. */
async function connect() {
  const { server, close } = await createServer(probeServer([one, wait], false), { argv: [], env: {} });
  const onrequest = vi.spyOn(server as unknown as { _onrequest: () => void }, '_onrequest');
  const input = new PassThrough();
  const output = new PassThrough();
  const lines: Array<{ id?: number; result?: { structuredContent?: unknown } }> = [];
  output.on('data', (chunk: Buffer) =>
    lines.push(
      ...chunk
        .toString('utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ),
  );
  await connectChecked(server, new StdioLineTransport({ input, output }));
  const send = (message: object) => input.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  send({ id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } } });
  send({ method: 'notifications/initialized' });
  return { input, send, lines, onrequest, close };
}

describe('connectChecked', () => {
  it("hands checked requests to Protocol's request path, which still answers them", async () => {
    const { send, lines, onrequest, close } = await connect();
    send({ id: 2, method: 'tools/call', params: { name: 'probe_get_one', arguments: {} } });
    await vi.waitFor(() => expect(lines.map((line) => line.id)).toEqual([1, 2]));
    expect(lines[1]?.result?.structuredContent).toEqual({ one: 1 });
    expect(onrequest).toHaveBeenCalledTimes(2);
    await close();
  });

  it('reads a line that comes in pieces, and several lines in one piece', async () => {
    const { input, lines, close } = await connect();
    const call = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'probe_get_one', arguments: {} } });
    const split = call(2);
    input.write(split.slice(0, 20));
    await new Promise((resolve) => setTimeout(resolve, 10));
    input.write(`${split.slice(20)}\n${call(3)}\r\n\n${call(4)}\n`);
    await vi.waitFor(() => expect(lines.map((line) => line.id)).toEqual([1, 2, 3, 4]));
    await close();
  });

  it("aborts a call's signal on notifications/cancelled, and answers nothing for it", async () => {
    const { send, lines, close } = await connect();
    const reason = new Promise((resolve) => {
      aborted = resolve;
    });
    send({ id: 2, method: 'tools/call', params: { name: 'probe_get_wait', arguments: {} } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    send({ method: 'notifications/cancelled', params: { requestId: 2, reason: 'no longer needed' } });
    expect(await reason).toBe('no longer needed');
    send({ id: 3, method: 'ping' });
    await vi.waitFor(() => expect(lines.map((line) => line.id)).toEqual([1, 3]));
    await close();
  });
});

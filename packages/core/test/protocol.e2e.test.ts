import { resolve } from 'node:path';
import { type ConnectedServer, connectCommand, probeClientProtocol, probeMismatches, probeRawProtocol, spawnRaw } from '@toolbridge/testkit';
import { afterEach, describe, expect, it } from 'vitest';

const SERVER = resolve(import.meta.dirname, 'fixtures/example-server.mjs');
const ENV = { EXAMPLE_TOKEN: 'ghp_ExampleSecretToken0123456789abcdefABCD' };

let server: ConnectedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the protocol, abused', () => {
  it('answers every malformed request by its id, refuses requests before initialize, and exits when stdin closes', async () => {
    const probe = await probeRawProtocol(process.execPath, [SERVER], ENV);
    expect(probeMismatches(probe)).toEqual([]);
    const said = Object.fromEntries(probe.malformed.map((outcome) => [outcome.what, typeof outcome.got === 'string' ? outcome.got : outcome.got.message]));
    expect(said).toEqual({
      'invalid JSON with a readable id': expect.stringMatching(/^parse error: .+\. Send one JSON-RPC message per line$/),
      'invalid JSON': expect.stringMatching(/^parse error: /),
      '"jsonrpc": "1.0"': 'invalid request: "jsonrpc" must be "2.0", got "1.0"',
      'no "jsonrpc"': 'invalid request: "jsonrpc" must be "2.0", got nothing',
      'params as an array': 'invalid params: "params" must be an object of named parameters, got an array',
      'params as a string': 'invalid params: "params" must be an object of named parameters, got a string',
      'method as a number': 'invalid request: "method" must be a string',
      'arguments: null': 'invalid params for tools/call: params.arguments: expected an object, received null',
      'an unexpected member': 'invalid request: unexpected member(s) "extra"; a message has only jsonrpc, id, method, params, result, error',
      'a batch': 'invalid request: MCP does not use JSON-RPC batches; send one message per line',
      'a line over 10 MB': 'message too large: 11.0 MB in one line, and this server reads at most 10.0 MB per message. Send less in one request',
    });
    expect(probe.beforeInitialize[0]!.got).toMatchObject({
      message: 'tools/list before initialize: an MCP session starts with an initialize request (only ping may come before it)',
    });
    expect(probe.stillAnswers).toBe(true);
    expect(probe.exit).toEqual({ code: 0, signal: null, exitedByItself: true });
    expect(probe.stderr).toContain(
      'warning: refused a message (-32602 invalid params for tools/call: params.arguments: expected an object, received null); it began: {"jsonrpc"',
    );
    expect(probe.stderr).toContain('warning: refused a message (-32600 message too large');
  });

  it('answers an oversized call and null arguments through the SDK client, with one error prefix, and goes on', async () => {
    server = await connectCommand(process.execPath, [SERVER], { env: ENV });
    const probe = await probeClientProtocol(server, 'example_get_item');
    expect(probe).toEqual({
      oversized: {
        code: -32600,
        message: 'MCP error -32600: message too large: 11.0 MB in one line, and this server reads at most 10.0 MB per message. Send less in one request',
      },
      nullArguments: { code: -32602, message: 'MCP error -32602: invalid params for tools/call: params.arguments: expected an object, received null' },
      stillAnswers: true,
    });
  });

  it('sends an error thrown by a handler with a single "MCP error" prefix', async () => {
    server = await connectCommand(process.execPath, [SERVER], { env: ENV });
    await expect(server.client.readResource({ uri: 'example://nope' })).rejects.toThrow(
      /^MCP error -32602: unknown resource example:\/\/nope\. List resources and templates to see what this server offers\.$/,
    );
  });

  it('logs the beginning of a refused line with no secret in it, not even half of one', async () => {
    const session = spawnRaw(process.execPath, [SERVER], ENV);
    await session.initialize();
    // Unterminated, and the token starts 10 characters before the 200 the log keeps.
    const [head, tail] = ['{"jsonrpc":"2.0","id":"leak","method":"ping","params":{"a":"', '","token":"'];
    session.send(`${head}${'x'.repeat(190 - head.length - tail.length)}${tail}${ENV.EXAMPLE_TOKEN}"`);
    expect(await session.answer('leak')).toMatchObject({ error: { code: -32700 } });
    await session.end();
    expect(session.stderr()).toContain('refused a message (-32700');
    expect(session.stderr()).not.toContain('ghp_Exa');
  });
});

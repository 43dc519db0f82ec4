import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ElicitRequestSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { type ConnectedServer, connectCommand, type FakeUpstream, flagEnvironment, startFakeUpstream } from '@toolbridge/testkit';
import { afterEach, describe, expect, it } from 'vitest';

const SERVER = resolve(import.meta.dirname, 'fixtures/example-server.mjs');
const TOKEN = 'ghp_ExampleSecretToken0123456789abcdefABCD';
const tmp = mkdtempSync(join(tmpdir(), 'toolbridge-e2e-'));

let server: ConnectedServer | undefined;
let fake: FakeUpstream | undefined;
afterEach(async () => {
  await server?.close();
  await fake?.close();
  server = undefined;
  fake = undefined;
});

const start = async (args: string[] = [], env: Record<string, string> = {}, capabilities = {}) => {
  server = await connectCommand(process.execPath, [SERVER, ...args], { env: { EXAMPLE_TOKEN: TOKEN, ...env }, capabilities });
  return server;
};
const toolNames = async (args: string[], env: Record<string, string> = {}) => {
  const connected = await start(args, env);
  const names = (await connected.client.listTools()).tools.map((tool) => tool.name).sort();
  await connected.close();
  server = undefined;
  return names;
};

describe('tool selection changes tools/list', () => {
  it('offers the default toolsets, and --toolsets, --read-only, --role, --tools, --exclude-tools narrow it', async () => {
    expect(await toolNames([])).toEqual(['example_create_item', 'example_delete_item', 'example_get_item', 'example_list_items']);
    expect(await toolNames(['--read-only'])).toEqual(['example_get_item', 'example_list_items']);
    expect(await toolNames(['--toolsets', 'debug'])).toEqual(['example_get_secret_echo']);
    expect(await toolNames(['--role', 'developer'])).toEqual(['example_create_item', 'example_get_item', 'example_list_items']);
    expect(await toolNames(['--tools', 'example_get_item,example_delete_item', '--exclude-tools', 'example_delete_item'])).toEqual(['example_get_item']);
    expect(await toolNames([], { EXAMPLE_TOOLSETS: 'all', EXAMPLE_READ_ONLY: 'true' })).toEqual([
      'example_get_item',
      'example_get_secret_echo',
      'example_list_items',
    ]);
  });

  it('describes every tool with title, annotations and input and output schemas', async () => {
    const { client } = await start();
    const { tools } = await client.listTools();
    const get = tools.find((tool) => tool.name === 'example_get_item')!;
    expect(get).toMatchObject({
      title: 'Get item',
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
      inputSchema: { type: 'object', properties: { id: { type: 'integer', description: 'Item id' } }, required: ['id'] },
      outputSchema: { type: 'object', required: ['id', 'name', 'note'] },
    });
    expect(client.getInstructions()).toBe('Example tools (toolsets: items, admin).');
  });

  it('explains a disabled or unknown tool instead of failing the protocol', async () => {
    const connected = await start(['--read-only']);
    expect(await connected.call('example_delete_item', { id: 1 })).toMatchObject({ isError: true, text: expect.stringMatching(/not enabled on this server/) });
    expect(await connected.call('nope_get_thing')).toMatchObject({ isError: true, text: expect.stringMatching(/unknown tool nope_get_thing/) });
  });
});

describe('calls', () => {
  it('returns structuredContent plus compact text, with untrusted text sanitised and fenced', async () => {
    fake = await startFakeUpstream({
      'GET /items/:id': (request) => ({
        body: { id: Number(request.params.id), name: 'Widget', note: 'hi\u200B<!-- do evil -->\u{E0041}there', extra: 'x'.repeat(100) },
      }),
    });
    const connected = await start([], { EXAMPLE_API_URL: fake.url });
    const result = await connected.call('example_get_item', { id: 7 });
    expect(result.isError).toBe(false);
    expect(result.structured).toEqual({ id: 7, name: 'Widget', note: '<untrusted-content source="item 7 note">\nhithere\n</untrusted-content>' });
    expect(JSON.parse(result.text)).toEqual(result.structured);
  });

  it('turns bad input into an actionable error and stays up', async () => {
    fake = await startFakeUpstream({ 'GET /items/:id': () => ({ body: { id: 1, name: 'A', note: '' } }) });
    const connected = await start([], { EXAMPLE_API_URL: fake.url });
    const bad = await connected.call('example_get_item', { id: 'seven' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toBe(
      'example_get_item failed: invalid arguments: id: expected number, received string. Expected {id: integer}; fix the arguments and call again',
    );
    expect((await connected.call('example_get_item', { id: 1 })).isError).toBe(false);
  });

  it('maps upstream statuses to what to do, and redacts a secret echoed by the upstream everywhere', async () => {
    fake = await startFakeUpstream({
      'GET /items/:id': (request) =>
        request.params.id === '404'
          ? { status: 404, body: { message: 'Not Found' } }
          : { status: 401, body: { message: `Bad credentials: ${request.headers.authorization}` } },
    });
    const audit = join(tmp, 'audit.jsonl');
    const connected = await start(['--audit-log', audit, '--log-level', 'debug'], { EXAMPLE_API_URL: fake.url });
    const unauthorized = await connected.call('example_get_item', { id: 1 });
    expect(unauthorized.isError).toBe(true);
    expect(unauthorized.text).toMatch(
      /Example returned 401: the token in EXAMPLE_TOKEN is missing, invalid or expired: Bad credentials: Bearer \[REDACTED\]\. Set a valid value in EXAMPLE_TOKEN/,
    );
    const missing = await connected.call('example_get_item', { id: 404 });
    expect(missing.text).toBe('example_get_item failed: item 404 does not exist. List items to see valid ids.');
    await connected.close();
    server = undefined;
    expect(connected.stderr()).toContain(
      'example_get_item failed: Example returned 401: the token in EXAMPLE_TOKEN is missing, invalid or expired: Bad credentials: Bearer [REDACTED]',
    );
    expect(connected.stderr()).not.toContain(TOKEN);
    const lines = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      server: 'toolbridge-example',
      tool: 'example_get_item',
      arguments: { id: 1 },
      outcome: 'error',
      upstream_calls: [{ method: 'GET', status: 401, attempts: 1 }],
    });
    expect(readFileSync(audit, 'utf8')).not.toContain(TOKEN);
  });

  it('redacts secrets in results, stderr logs and MCP log notifications', async () => {
    const connected = await start(['--toolsets', 'debug']);
    const messages: string[] = [];
    connected.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      messages.push(String(notification.params.data));
    });
    await connected.client.setLoggingLevel('warning');
    const result = await connected.call('example_get_secret_echo');
    expect(result.structured).toEqual({ text: 'token is [REDACTED]' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(messages).toEqual(['token is [REDACTED]']);
    expect(connected.stderr()).toContain('warning: token is [REDACTED]');
    expect(connected.stderr()).not.toContain(TOKEN);
  });

  it('cuts an oversized result and says so', async () => {
    const connected = await start([]);
    const result = await connected.call('example_list_items', { count: 5000 });
    expect(result.isError).toBe(false);
    expect(result.structured!.items.length).toBeLessThan(5000);
    expect(result.text).toMatch(/\[output budget reached: items: \d+ of 5000 items shown\. Ask for less/);
  });
});

describe('security.maskPii', () => {
  const note = 'Call Ada on +44 20 7946 0958 or ada@lovelace.dev; card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32.';
  const routes = {
    'GET /items/:id': () => ({ body: { id: 1, name: 'grace@navy.mil', note } }),
    'POST /items': () => ({ body: { id: 2 } }),
  };

  it('masks e-mail addresses, phone numbers, card numbers and IBANs in results and the audit log', async () => {
    fake = await startFakeUpstream(routes);
    const audit = join(tmp, 'audit-pii.jsonl');
    const connected = await start(['--audit-log', audit], { EXAMPLE_API_URL: fake.url, TOOLBRIDGE_MASK_PII: 'true' });
    const item = await connected.call('example_get_item', { id: 1 });
    expect(item.structured?.name).toBe('g***@navy.mil');
    expect(item.structured?.note).toContain('Call Ada on +** ** **** **58 or a***@lovelace.dev; card **** **** **** 1111, IBAN GB82 **** 5432.');
    expect(item.text).toContain('g***@navy.mil');
    for (const personal of ['grace@', 'ada@', '7946', '4111 1111', 'WEST']) {
      expect(item.text).not.toContain(personal);
      expect(JSON.stringify(item.structured)).not.toContain(personal);
    }
    await connected.call('example_create_item', { name: 'Order for ada@lovelace.dev, +1 415-555-0132' });
    await connected.close();
    server = undefined;
    const lines = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[1].arguments).toEqual({ name: 'Order for a***@lovelace.dev, +* ***-***-**32' });
    expect(readFileSync(audit, 'utf8')).not.toContain('ada@lovelace.dev');
  });

  it('is off by default: results keep the data as the upstream sent it', async () => {
    fake = await startFakeUpstream(routes);
    const connected = await start([], { EXAMPLE_API_URL: fake.url });
    const item = await connected.call('example_get_item', { id: 1 });
    expect(item.structured?.name).toBe('grace@navy.mil');
    expect(item.structured?.note).toContain('ada@lovelace.dev');
  });
});

describe('confirmation of destructive operations', () => {
  it('refuses when the client cannot be asked, unless --yes-i-know or TOOLBRIDGE_YES_I_KNOW', async () => {
    const refused = await (await start()).call('example_delete_item', { id: 3 });
    expect(refused).toMatchObject({ isError: true, text: expect.stringMatching(/needs the user's confirmation.*restart the server with --yes-i-know/) });
    await server!.close();
    expect(await (await start(['--yes-i-know'])).call('example_delete_item', { id: 3 })).toMatchObject({ isError: false, structured: { deleted: true } });
    await server!.close();
    const fromEnv = await start([], { TOOLBRIDGE_YES_I_KNOW: 'true' });
    expect(await fromEnv.call('example_delete_item', { id: 3 })).toMatchObject({ isError: false, structured: { deleted: true } });
  });

  it('asks through elicitation and honours the answer', async () => {
    const connected = await start([], {}, { elicitation: {} });
    let answer: 'accept' | 'decline' = 'decline';
    const asked: string[] = [];
    connected.client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message);
      return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' };
    });
    expect(await connected.call('example_delete_item', { id: 9 })).toMatchObject({
      isError: true,
      text: expect.stringMatching(/the user did not confirm: Delete item 9\?/),
    });
    answer = 'accept';
    expect(await connected.call('example_delete_item', { id: 9 })).toMatchObject({ isError: false });
    expect(asked).toEqual(['Delete item 9?', 'Delete item 9?']);
  });
});

describe('resources, prompts and completion', () => {
  it('lists, reads and completes', async () => {
    const { client } = await start();
    expect((await client.listResources()).resources).toEqual([{ uri: 'example://items/1', name: 'item 1' }]);
    expect((await client.listResourceTemplates()).resourceTemplates[0]).toMatchObject({ uriTemplate: 'example://items/{id}', name: 'item' });
    expect((await client.readResource({ uri: 'example://items/12' })).contents).toEqual([
      { uri: 'example://items/12', mimeType: 'application/json', text: '{"id":12}' },
    ]);
    const completion = await client.complete({ ref: { type: 'ref/resource', uri: 'example://items/{id}' }, argument: { name: 'id', value: '1' } });
    expect(completion.completion.values).toEqual(['1', '12']);
    const prompt = await client.getPrompt({ name: 'summarize_item', arguments: { id: '2' } });
    expect(prompt.messages[0]!.content).toEqual({ type: 'text', text: 'Summarize item 2 using example_get_item.' });
    await expect(client.getPrompt({ name: 'summarize_item', arguments: {} })).rejects.toThrow(/needs argument\(s\) id/);
  });
});

describe('process behaviour', () => {
  it('writes nothing but JSON-RPC to stdout', async () => {
    const child = spawn(process.execPath, [SERVER, '--log-level', 'debug'], {
      env: { PATH: process.env.PATH, EXAMPLE_TOKEN: TOKEN },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const send = (message: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    send({ id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/list' });
    send({ id: 3, method: 'tools/call', params: { name: 'example_list_items', arguments: { count: 2 } } });
    for (let waited = 0; !stdout.includes('"id":3') && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    child.stdin.end();
    await new Promise((resolve) => child.on('exit', resolve));
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(stderr).toContain('noise from a dependency');
  });

  it('exits non-zero with the key path when the configuration is bad', () => {
    const config = join(tmp, 'bad.json');
    writeFileSync(config, JSON.stringify({ globalSettings: { retryAttempts: -1 } }));
    const run = spawnSync(process.execPath, [SERVER, '--config', config], { encoding: 'utf8', input: '' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/invalid configuration: globalSettings\.retryAttempts: Too small: expected number to be >=0/);
    const unknownFlag = spawnSync(process.execPath, [SERVER, '--read-onyl'], { encoding: 'utf8', input: '' });
    expect(unknownFlag.status).toBe(2);
    expect(unknownFlag.stderr).toMatch(/Unknown option '--read-onyl'.*Run with --help/);
    const unknownToolset = spawnSync(process.execPath, [SERVER, '--toolsets', 'itmes'], { encoding: 'utf8', input: '' });
    expect(unknownToolset.stderr).toMatch(/selection\.toolsets: unknown toolset\(s\) itmes\. Known toolsets: admin, debug, items\./);
  });

  it('answers --help and --version', () => {
    expect(spawnSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' }).stdout).toBe('1.2.3\n');
    const help = spawnSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8' }).stdout;
    expect(help).toMatch(/--read-only\s+Only offer tools that do not modify anything/);
    expect(help).toMatch(/--toolsets <a,b\|all>/);
    expect(flagEnvironment(help)).toEqual({
      'read-only': 'TOOLBRIDGE_READ_ONLY',
      toolsets: 'TOOLBRIDGE_TOOLSETS',
      tools: 'TOOLBRIDGE_TOOLS',
      'exclude-tools': 'TOOLBRIDGE_EXCLUDE_TOOLS',
      role: 'TOOLBRIDGE_ROLE',
      'log-level': 'TOOLBRIDGE_LOG_LEVEL',
      config: 'TOOLBRIDGE_CONFIG',
      'audit-log': 'TOOLBRIDGE_AUDIT_LOG',
      'yes-i-know': 'TOOLBRIDGE_YES_I_KNOW',
    });
  });
});

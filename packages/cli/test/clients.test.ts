import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from './support/cli.js';
import { FAKE_TOKEN, useFakeGitHub } from './support/fake.js';

const github = useFakeGitHub();
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const jsonc = (text: string) => parseJsonc(text, [], { allowTrailingComma: true }) as Document;
/** A configuration file read: its top-level tables (servers, inputs, other settings). */
type Document = Record<string, Record<string, unknown>>;

const githubBin = join(require.resolve('@toolbridge/github/package.json'), '..', 'dist', 'bin.js');

interface ClientCase {
  client: string;
  fixture: string;
  /** Where the client keeps the file, under the sandbox's project or home. */
  file(box: Sandbox): string;
  read(text: string): Document;
  /** The servers' table in the file, and the entry the fixture already had. */
  servers: string;
  kept: string;
  /** What remains of the fixture's comments and other settings. */
  alsoKept: string[];
  /** The github entry as this client's format writes it (launched with node, the token from GITHUB_TOKEN). */
  expected(box: Sandbox): Record<string, unknown>;
  extraChecks?(document: Document): void;
}

const configArgs = (path: string) => [githubBin, '--config', path];

const cases: ClientCase[] = [
  {
    client: 'cursor',
    fixture: 'cursor-mcp.jsonc',
    file: (box) => join(box.project, '.cursor', 'mcp.json'),
    read: jsonc,
    servers: 'mcpServers',
    kept: 'notes-server',
    alsoKept: ['// The shape of Cursor'],
    expected: () => ({
      command: 'node',
      args: configArgs('${workspaceFolder}/toolbridge.config.json'),
      env: { GITHUB_TOKEN: '${env:GITHUB_TOKEN}' },
    }),
  },
  {
    client: 'vscode',
    fixture: 'vscode-mcp.jsonc',
    file: (box) => join(box.project, '.vscode', 'mcp.json'),
    read: jsonc,
    servers: 'servers',
    kept: 'search',
    alsoKept: ['// The shape of VS Code'],
    expected: () => ({
      type: 'stdio',
      command: 'node',
      args: configArgs('${workspaceFolder}/toolbridge.config.json'),
      env: { GITHUB_TOKEN: '${input:toolbridge-github-token}' },
    }),
    extraChecks: (document) =>
      expect(document.inputs).toEqual([
        { type: 'promptString', id: 'search-api-key', description: 'Search API key', password: true },
        { type: 'promptString', id: 'toolbridge-github-token', description: 'a GitHub token', password: true },
      ]),
  },
  {
    client: 'codex',
    fixture: 'codex-config.toml',
    file: (box) => join(box.home, '.codex', 'config.toml'),
    read: (text) => parseToml(text) as Document,
    servers: 'mcp_servers',
    kept: 'docs',
    alsoKept: ['# The shape of Codex', 'DOCS_REGION = "eu" # a comment that must stay', '[profiles.fast]'],
    expected: (box) => ({ command: 'node', args: configArgs(join(box.home, '.toolbridge', 'config.json')), env_vars: ['GITHUB_TOKEN'] }),
    extraChecks: (document) => expect(document.model).toBe('gpt-5-codex'),
  },
  {
    client: 'gemini',
    fixture: 'gemini-settings.jsonc',
    file: (box) => join(box.project, '.gemini', 'settings.json'),
    read: jsonc,
    servers: 'mcpServers',
    kept: 'pythonTools',
    alsoKept: ['// The shape of Gemini CLI', '"general": { "vimMode": true }'],
    expected: () => ({ command: 'node', args: configArgs('toolbridge.config.json'), env: { GITHUB_TOKEN: '${GITHUB_TOKEN}' } }),
  },
  {
    client: 'claude-desktop',
    fixture: 'claude-desktop-config.json',
    file: (box) => join(box.home, '.config', 'Claude', 'claude_desktop_config.json'),
    read: jsonc,
    servers: 'mcpServers',
    kept: 'filesystem',
    alsoKept: ['"globalShortcut": "Ctrl+Space"'],
    // Claude Desktop expands nothing and does not start from a shell: an absolute command, no secret.
    expected: (box) => ({ command: process.execPath, args: configArgs(join(box.home, '.toolbridge', 'config.json')) }),
  },
];

describe.each(cases)('init and doctor for $client', (spec) => {
  it("merges into the client's documented example: the new entry in its format, the rest kept, a backup, no secret", async () => {
    const box = sandbox();
    const file = spec.file(box);
    const original = fixture(spec.fixture);
    box.write(file, original);
    const result = await box.run(['init', '--client', spec.client, '--servers', 'github', '--launcher', 'node'], { GITHUB_TOKEN: FAKE_TOKEN });
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    const document = spec.read(text) as Document;
    expect(document[spec.servers]!.github).toEqual(spec.expected(box));
    expect(document[spec.servers]![spec.kept]).toEqual((spec.read(original) as Document)[spec.servers]![spec.kept]);
    for (const kept of spec.alsoKept) expect(text).toContain(kept);
    spec.extraChecks?.(document);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(original);
    expect(text).not.toContain(FAKE_TOKEN);
  });

  it('doctor reads the entry back and starts it with what the client would give it', async () => {
    const box = sandbox();
    await box.run(['init', '--client', spec.client, '--servers', 'github', '--launcher', 'node'], { GITHUB_TOKEN: FAKE_TOKEN });
    // Codex and Claude Desktop pass on only a few variables: the fake's address goes where every client reads it.
    const configFile = [join(box.project, 'toolbridge.config.json'), join(box.home, '.toolbridge', 'config.json')].find((path) => existsSync(path))!;
    const settings = JSON.parse(readFileSync(configFile, 'utf8'));
    box.write(configFile, JSON.stringify({ ...settings, github: { apiUrl: github.fake().apiUrl } }));
    // VS Code keeps the input in its secret storage: the same variable in doctor's environment stands in for it.
    const env = { GITHUB_TOKEN: FAKE_TOKEN, ...(spec.client === 'vscode' ? { GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN } : {}) };
    const result = await box.run(['doctor', '--client', spec.client], env);
    if (spec.client === 'claude-desktop') {
      // Claude Desktop does not pass GITHUB_TOKEN on: the token has to go into its "env".
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('✗ github: GITHUB_PERSONAL_ACCESS_TOKEN is not set');
      expect(result.stdout).toContain('fix: Add "GITHUB_PERSONAL_ACCESS_TOKEN" to the server\'s "env" in claude_desktop_config.json');
      return;
    }
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`github\\s+${spec.client} \\S+:\\d+\\s+✓ ok\\s+22\\s+octocat`));
  });
});

describe('codex and unreadable files', () => {
  it('refuses a config.toml it cannot parse, saying where', async () => {
    const box = sandbox();
    const file = join(box.home, '.codex', 'config.toml');
    box.write(file, 'model = "x"\n[mcp_servers.docs\ncommand = "npx"\n');
    const result = await box.run(['init', '--client', 'codex', '--servers', 'github'], { GITHUB_TOKEN: FAKE_TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${file.replaceAll('.', '\\.')}:2:\\d+: not valid TOML`));
    expect(readFileSync(file, 'utf8')).toBe('model = "x"\n[mcp_servers.docs\ncommand = "npx"\n');
  });

  it('--replace rewrites a [mcp_servers.github] table and its sub-tables, nothing else', async () => {
    const box = sandbox();
    const file = join(box.home, '.codex', 'config.toml');
    box.write(file, '[mcp_servers.github]\ncommand = "old"\n\n[mcp_servers.github.env]\nA = "1"\n\n[mcp_servers.docs]\ncommand = "npx"\n');
    const result = await box.run(['init', '--client', 'codex', '--servers', 'github', '--replace'], { GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN });
    expect(result.code, result.stderr).toBe(0);
    const document = parseToml(readFileSync(file, 'utf8')) as Document;
    expect(document.mcp_servers!.github).toEqual({
      command: 'npx',
      args: ['-y', '@toolbridge/github', '--config', join(box.home, '.toolbridge', 'config.json')],
      env_vars: ['GITHUB_PERSONAL_ACCESS_TOKEN'],
      startup_timeout_sec: 60,
    });
    expect(document.mcp_servers!.docs).toEqual({ command: 'npx' });
  });
});

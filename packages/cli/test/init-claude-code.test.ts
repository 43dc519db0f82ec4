import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/cli.js';

const TOKEN = 'ghp_thisValueMustNeverBeWrittenAnywhere000';

describe('init for Claude Code (project scope)', () => {
  it('writes .mcp.json and toolbridge.config.json, referring to the token variable, never its value', async () => {
    const box = sandbox();
    const result = await box.run(['init', '--servers', 'github,database'], { GITHUB_TOKEN: TOKEN });
    expect(result.code, result.stderr).toBe(0);
    const config = JSON.parse(box.read('.mcp.json'));
    expect(config.mcpServers.github).toEqual({
      type: 'stdio',
      command: 'npx',
      args: ['-y', '@toolbridge/github', '--config', 'toolbridge.config.json'],
      env: { GITHUB_TOKEN: '${GITHUB_TOKEN}' },
    });
    expect(config.mcpServers.database.env).toEqual({ DATABASE_URL: '${DATABASE_URL}' });
    const settings = JSON.parse(box.read('toolbridge.config.json'));
    expect(settings.globalSettings.callTimeout).toBe(45000);
    expect(settings.security).toMatchObject({ enableSandbox: true, blockedDomains: [] });
    expect(settings.security.allowedDomains).toBeUndefined();
    for (const text of [box.read('.mcp.json'), box.read('toolbridge.config.json'), result.stdout, result.stderr]) expect(text).not.toContain(TOKEN);
    // DATABASE_URL is not set: the output says which variable to set and where to get one.
    expect(result.stdout).toMatch(/Set DATABASE_URL .* in the environment Claude Code starts from/);
    expect(result.stdout).toContain('toolbridge doctor');
  });

  it('merges into an existing .mcp.json: other servers, comments and formatting stay; a backup is kept', async () => {
    const box = sandbox();
    const original = [
      '{',
      '  // shared with the team',
      '  "mcpServers": {',
      '    "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"] }, // keep me',
      '  },',
      '  "other": true',
      '}',
      '',
    ].join('\n');
    box.write('.mcp.json', original);
    const result = await box.run(['init', '--servers', 'github'], { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN });
    expect(result.code, result.stderr).toBe(0);
    const text = box.read('.mcp.json');
    expect(text).toContain('// shared with the team');
    expect(text).toContain('"memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"] }, // keep me');
    expect(text).toContain('"other": true');
    expect(text).toContain('"GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_PERSONAL_ACCESS_TOKEN}"');
    expect(box.read('.mcp.json.bak')).toBe(original);
    expect(result.stdout).toContain('previous version in');
  });

  it('keeps an existing entry of the same name (its own flags) unless --replace, and is idempotent', async () => {
    const box = sandbox();
    box.write('.mcp.json', JSON.stringify({ mcpServers: { github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] } } }, null, 2));
    const kept = await box.run(['init', '--servers', 'github'], { GITHUB_TOKEN: TOKEN });
    expect(kept.stdout).toMatch(/"github" already exists \(line 3\) and runs something else: kept/);
    expect(JSON.parse(box.read('.mcp.json')).mcpServers.github.args).toEqual(['-y', '@modelcontextprotocol/server-github']);
    const replaced = await box.run(['init', '--servers', 'github', '--replace'], { GITHUB_TOKEN: TOKEN });
    expect(replaced.code).toBe(0);
    expect(JSON.parse(box.read('.mcp.json')).mcpServers.github.args).toContain('@toolbridge/github');
    const again = await box.run(['init', '--servers', 'github'], { GITHUB_TOKEN: TOKEN });
    expect(again.stdout).toContain('.mcp.json: unchanged');
    expect(again.stdout).toMatch(/"github" is already configured .*: kept as it is/);
  });

  it('refuses a file it cannot parse, saying where, and leaves it as it was', async () => {
    const box = sandbox();
    const broken = '{\n  "mcpServers": {\n    "memory": { "command": "npx" "args": [] }\n  }\n}\n';
    box.write('.mcp.json', broken);
    const result = await box.run(['init', '--servers', 'github'], { GITHUB_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\.mcp\.json:3:34: not valid JSON \(CommaExpected\)/);
    expect(box.read('.mcp.json')).toBe(broken);
    expect(existsSync(join(box.project, '.mcp.json.bak'))).toBe(false);
    expect(existsSync(join(box.project, 'toolbridge.config.json'))).toBe(false);
  });

  it('--print shows the files and --dry-run the diff, writing nothing', async () => {
    const box = sandbox();
    box.write('.mcp.json', '{ "mcpServers": {} }\n');
    const printed = await box.run(['init', '--servers', 'github', '--print'], { GITHUB_TOKEN: TOKEN });
    expect(printed.stdout).toContain('"@toolbridge/github"');
    const diff = await box.run(['init', '--servers', 'github', '--dry-run'], { GITHUB_TOKEN: TOKEN });
    expect(diff.stdout).toMatch(/^\+\s+"github": \{$/m);
    expect(diff.stdout).toContain('--- /dev/null');
    expect(box.read('.mcp.json')).toBe('{ "mcpServers": {} }\n');
    expect(existsSync(join(box.project, 'toolbridge.config.json'))).toBe(false);
  });

  it('suggests servers from the environment without a terminal, and points github at the git remote', async () => {
    const box = sandbox();
    execFileSync('git', ['init', '-q'], { cwd: box.project });
    execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:octo-org/hello-world.git'], { cwd: box.project });
    const result = await box.run(['init'], { GH_TOKEN: TOKEN });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Servers suggested by the environment: github');
    expect(JSON.parse(box.read('toolbridge.config.json')).github).toEqual({ repository: 'octo-org/hello-world' });
    // GH_TOKEN is not a variable the server reads: the reference maps it onto the one it does.
    expect(JSON.parse(box.read('.mcp.json')).mcpServers.github.env).toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: '${GH_TOKEN}' });
    const none = await sandbox().run(['init']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name them with --servers');
  });

  it('user scope runs `claude mcp add-json --scope user` when claude is installed, and prints it otherwise', async () => {
    const box = sandbox();
    const printed = await box.run(['init', '--servers', 'github', '--scope', 'user'], { GITHUB_TOKEN: TOKEN });
    expect(printed.stdout).toContain('claude is not on PATH: run these yourself:');
    expect(printed.stdout).toContain(
      `claude mcp add-json --scope user github '{"type":"stdio","command":"npx","args":["-y","@toolbridge/github","--config","${box.home}/.toolbridge/config.json"]}'`,
    );
    expect(existsSync(join(box.home, '.toolbridge', 'config.json'))).toBe(true);
    // A stand-in `claude` that records its arguments.
    const log = join(box.home, 'claude-args.log');
    box.write(join(box.home, '..', 'bin', 'claude'), `#!/bin/sh\nprintf '%s\\n' "$@" >> ${log}\n`);
    const { chmodSync, readFileSync } = await import('node:fs');
    chmodSync(join(box.home, '..', 'bin', 'claude'), 0o755);
    const ran = await box.run(['init', '--servers', 'github', '--scope', 'user'], {
      GITHUB_TOKEN: TOKEN,
      PATH: `${join(box.home, '..', 'bin')}:${process.env.PATH}`,
    });
    expect(ran.code, ran.stderr).toBe(0);
    expect(readFileSync(log, 'utf8').split('\n').slice(0, 6)).toEqual([
      'mcp',
      'add-json',
      '--scope',
      'user',
      'github',
      expect.stringContaining('"@toolbridge/github"'),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { sandbox } from './support/cli.js';
import { FAKE_TOKEN, useFakeGitHub } from './support/fake.js';

const github = useFakeGitHub();

interface Figures {
  server: string;
  tools: number;
  tokens: number;
  toolsets: Array<{ name: string; enabled: boolean; tools: number; tokens: number }>;
}

describe('list', () => {
  it("measures each configured server's tools/list under its settings, toolset by toolset", async () => {
    const box = sandbox();
    await box.run(['init', '--servers', 'github,database', '--launcher', 'node'], { GITHUB_TOKEN: FAKE_TOKEN, DATABASE_URL: 'sqlite::memory:' });
    const result = await box.run(['list', '--json'], { ...github.env(), GITHUB_TOKEN: FAKE_TOKEN, DATABASE_URL: 'sqlite::memory:' });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { encoding: string; servers: Figures[] };
    expect(report.encoding).toBe('o200k_base (gpt-tokenizer)');
    const [githubFigures, databaseFigures] = report.servers;
    expect(githubFigures!.server).toBe('github');
    expect(githubFigures!.tools).toBe(22);
    expect(githubFigures!.toolsets.filter((toolset) => toolset.enabled).map((toolset) => toolset.name)).toEqual(['issues', 'pulls', 'repos', 'users']);
    // The default toolsets add up to what is offered; every toolset has tools and costs tokens.
    const enabled = githubFigures!.toolsets.filter((toolset) => toolset.enabled);
    expect(enabled.reduce((sum, toolset) => sum + toolset.tools, 0)).toBe(22);
    for (const toolset of githubFigures!.toolsets) expect(toolset.tools > 0 && toolset.tokens > 0, toolset.name).toBe(true);
    expect(githubFigures!.tokens).toBeGreaterThan(1000);
    expect(databaseFigures).toMatchObject({ server: 'database', tools: 5, toolsets: [{ name: 'database', enabled: true, tools: 5 }] });
  });

  it('follows the flags in the client configuration: a read-only github costs fewer tokens', async () => {
    const box = sandbox();
    await box.run(['init', '--servers', 'github', '--launcher', 'node'], { GITHUB_TOKEN: FAKE_TOKEN });
    const config = JSON.parse(box.read('.mcp.json'));
    config.mcpServers.github.args.push('--read-only');
    box.write('.mcp.json', JSON.stringify(config));
    const result = await box.run(['list'], { ...github.env(), GITHUB_TOKEN: FAKE_TOKEN });
    expect(result.code, result.stderr).toBe(0);
    const [, offered, tokens] = /github \(claude-code \.mcp\.json:1\): (\d+) tools offered, ([\d,]+) tokens/.exec(result.stdout)!;
    expect(Number(offered)).toBeLessThan(22);
    expect(Number(tokens!.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(result.stdout).toMatch(/^issues\s+on\s+\d+\s+[\d,]+\s+Issues and their comments$/m);
    expect(result.stdout).toMatch(/^Total: \d+ tools, [\d,]+ tokens/m);
  });
});

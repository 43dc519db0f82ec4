import { toolDeclarationProblems, toolListing } from '@toolbridge/core/testing';
import { connectServer, startFakeGitHub } from '@toolbridge/testkit';
import { describe, expect, it } from 'vitest';
import { tools as allTools } from '../src/tools/index.js';
import { cacheDir, FAKE_TOKEN, packageDir } from './support/session.js';

/** Declarations of the repos, releases, actions and insights toolsets. */
const tools = allTools.filter((tool) => ['repos', 'releases', 'actions', 'insights'].includes(tool.toolset));
const WRITES = ['github_create_branch', 'github_create_commit', 'github_create_release', 'github_dispatch_workflow', 'github_rerun_workflow'];

describe('repos, releases, actions and insights declarations', () => {
  it('are well formed', () => {
    expect(toolDeclarationProblems(tools, 'github')).toEqual([]);
    const perToolset = Object.fromEntries(
      ['repos', 'releases', 'actions', 'insights'].map((name) => [name, tools.filter((tool) => tool.toolset === name).length]),
    );
    expect(perToolset).toEqual({ repos: 7, releases: 3, actions: 5, insights: 3 });
  });

  it('annotate writes honestly: writes, none destructive, every tool talks to GitHub', () => {
    expect(
      tools
        .filter((tool) => !tool.annotations.readOnlyHint)
        .map((tool) => tool.name)
        .sort(),
    ).toEqual(WRITES);
    expect(tools.filter((tool) => tool.annotations.destructiveHint)).toEqual([]);
    expect(tools.every((tool) => tool.annotations.openWorldHint)).toBe(true);
    expect(tools.filter((tool) => tool.annotations.idempotentHint).map((tool) => tool.name)).not.toContain(expect.stringMatching(/create|rerun|dispatch/));
  });

  it('keep each tools/list entry under 2,000 characters (about 500 tokens)', () => {
    const sizes = toolListing(tools).map((tool) => ({ name: tool.name, chars: JSON.stringify(tool).length }));
    expect(sizes.filter((entry) => entry.chars > 2_000)).toEqual([]);
  });

  it('offer only the reads with --read-only', async () => {
    const fake = await startFakeGitHub();
    const server = await connectServer(packageDir, {
      env: { TOOLBRIDGE_CACHE_DIR: cacheDir, GITHUB_API_URL: fake.apiUrl, GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN },
      args: ['--toolsets', 'repos,releases,actions,insights', '--read-only'],
    });
    try {
      const { tools: listed } = await server.client.listTools();
      const expected = tools.filter((tool) => !WRITES.includes(tool.name)).map((tool) => tool.name);
      expect(listed.map((tool) => tool.name).sort()).toEqual(expected.sort());
      expect(expected).toHaveLength(13);
    } finally {
      await server.close();
      await fake.close();
    }
  });
});
